using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>The simulator on a real Kestrel at 127.0.0.1:0, recording the auth headers of every connect.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string ApiKey = "sim-key";
    public const string Model = "gpt-realtime";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Inspector = app.Services.GetRequiredService<ISimulatorInspector>();
    }

    public Uri BaseUri { get; }

    public ISimulatorInspector Inspector { get; }

    /// <summary>(api-key header, Authorization header) of every connect attempt, in order.</summary>
    public ConcurrentQueue<(string ApiKey, string Authorization)> ConnectHeaders { get; } = new();

    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRealtimeSimulator(o =>
        {
            o.ApiKeys.Add(ApiKey);
            o.SpeedFactor = 0;
            o.TranscriptionDelayMs = 0;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        SimulatorHost? host = null;
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path.Value?.EndsWith("/realtime", StringComparison.Ordinal) == true)
            {
                host?.ConnectHeaders.Enqueue((context.Request.Headers["api-key"].ToString(), context.Request.Headers.Authorization.ToString()));
            }

            await next(context);
        });
        app.MapRealtimeSimulator();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new SimulatorHost(app, new Uri(address));
        return host;
    }

    /// <summary>The latest upstream session the simulator opened.</summary>
    public SimulatorSessionRecord Latest => Inspector.Sessions[^1];

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
