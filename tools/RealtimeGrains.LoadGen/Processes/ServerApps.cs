using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.LoadGen;

/// <summary>The servers the load generator runs itself (as child processes, or in process for tests): simulator, relay, OTLP sink.</summary>
internal static class ServerApps
{
    /// <summary>The simulator set up by <see cref="SimulatorSetup"/>, listening on <paramref name="urls"/>.</summary>
    public static WebApplication BuildSimulator(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        builder.Services.AddRealtimeSimulator(SimulatorSetup.Configure);
        var app = builder.Build();
        app.MapRealtimeSimulator();
        return app;
    }

    /// <summary>
    /// A loopback OTLP/HTTP sink (<c>POST /v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>): reads each export, answers
    /// 200 with an empty protobuf response, and prints nothing; the overhead run's collector stand-in (decoding is not the
    /// host's cost).
    /// </summary>
    public static WebApplication BuildOtlpSink(string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            context.Response.ContentType = "application/x-protobuf";
        });
        return app;
    }

    /// <summary>The first address a started app listens on.</summary>
    public static Uri AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address.");
        return new Uri(address);
    }

    /// <summary>
    /// Child-process mode: starts <paramref name="app"/>, prints <c>ready ADDRESS</c>, and stops when standard input
    /// ends or carries an empty line (the parent going away stops the child too).
    /// </summary>
    public static async Task<int> ServeUntilStdinClosesAsync(WebApplication app)
    {
        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"ready {AddressOf(app)}");
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { Length: > 0 })
        {
        }

        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return 0;
    }
}
