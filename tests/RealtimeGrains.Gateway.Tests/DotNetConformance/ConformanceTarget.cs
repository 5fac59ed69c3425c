using System.Globalization;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.DotNetConformance;

/// <summary>Where a conformance check runs: the standalone simulator (its API key) or the gateway (a fresh client token per connect).</summary>
internal sealed class ConformanceTarget : IAsyncDisposable
{
    private readonly SimulatorServer? _simulator;
    private readonly GatewayServer? _gateway;

    private ConformanceTarget(SimulatorServer? simulator, GatewayServer? gateway)
    {
        _simulator = simulator;
        _gateway = gateway;
    }

    public const string Simulator = "simulator";
    public const string Gateway = "gateway";

    /// <summary>The base the OpenAI client's <c>Endpoint</c> is set to (…/v1).</summary>
    public Uri Endpoint => new(_simulator?.BaseUri ?? _gateway!.BaseUri, "/v1");

    public static async Task<ConformanceTarget> StartAsync(string kind, double speedFactor = 0) => kind switch
    {
        Simulator => new ConformanceTarget(await SimulatorServer.StartAsync(o => o.SpeedFactor = speedFactor), null),
        Gateway => new ConformanceTarget(null, await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["RealtimeSimulator:SpeedFactor"] = speedFactor.ToString(CultureInfo.InvariantCulture),
        })),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "simulator or gateway"),
    };

    /// <summary>The key a client presents: the simulator's API key, or a client token minted for a new session.</summary>
    public async Task<string> KeyAsync() => _simulator is not null ? SimulatorServer.ApiKey : (await _gateway!.MintAsync()).Token;

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}
