using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Tests.Infrastructure;

/// <summary>A real Kestrel on 127.0.0.1 with a free port, hosting the simulator.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public const string Deployment = "gpt-realtime";

    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Inspector = app.Services.GetRequiredService<ISimulatorInspector>();
    }

    /// <summary>http://127.0.0.1:port</summary>
    public Uri BaseUri { get; }

    public ISimulatorInspector Inspector { get; }

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    public static async Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRealtimeSimulator(o =>
        {
            o.ApiKeys.Add(ApiKey);
            o.Deployments.Add(Deployment);
            o.Deployments.Add("gpt-4o-realtime-preview");
            o.SpeedFactor = 0;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapRealtimeSimulator();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
