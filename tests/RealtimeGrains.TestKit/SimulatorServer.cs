using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.TestKit;

/// <summary>
/// The Realtime simulator on a real Kestrel at 127.0.0.1 with a free port, unpaced (speed 0), recording the auth headers
/// of every connect. Accepts <see cref="ApiKey"/> and the deployments <see cref="Model"/> and <c>gpt-4o-realtime-preview</c>.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    /// <summary>The key the simulator accepts.</summary>
    public const string ApiKey = "test-key";

    /// <summary>The default deployment / model name.</summary>
    public const string Model = "gpt-realtime";

    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Inspector = app.Services.GetRequiredService<ISimulatorInspector>();
    }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The simulator's view of its sessions.</summary>
    public ISimulatorInspector Inspector { get; }

    /// <summary>(api-key header, Authorization header) of every connect attempt, in order.</summary>
    public ConcurrentQueue<(string ApiKey, string Authorization)> ConnectHeaders { get; } = new();

    /// <summary>The latest upstream session the simulator opened.</summary>
    public SimulatorSessionRecord Latest => Inspector.Sessions[^1];

    /// <summary>A <c>ws://</c> address on this server.</summary>
    /// <param name="pathAndQuery">Path and query, starting with '/'.</param>
    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    /// <summary>Starts the server; <paramref name="configure"/> runs after the defaults.</summary>
    /// <param name="configure">Changes to the simulator options.</param>
    public static async Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRealtimeSimulator(o =>
        {
            o.ApiKeys.Add(ApiKey);
            o.Deployments.Add(Model);
            o.Deployments.Add("gpt-4o-realtime-preview");
            o.SpeedFactor = 0;
            o.TranscriptionDelayMs = 0;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        SimulatorServer? server = null;
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path.Value?.EndsWith("/realtime", StringComparison.Ordinal) == true)
            {
                server?.ConnectHeaders.Enqueue((context.Request.Headers["api-key"].ToString(), context.Request.Headers.Authorization.ToString()));
            }

            await next(context);
        });
        app.MapRealtimeSimulator();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new SimulatorServer(app, new Uri(address));
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
