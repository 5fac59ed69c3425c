using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Clients;

/// <summary>The simulator (and optionally the relay in front of it) on loopback Kestrel, port 0, for one test.</summary>
internal sealed class LoopbackServers : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    public Uri Simulator { get; private set; } = null!;

    public Uri? Relay { get; private set; }

    public static async Task<LoopbackServers> StartAsync(bool withRelay)
    {
        var servers = new LoopbackServers();
        var simulator = ServerApps.BuildSimulator("http://127.0.0.1:0");
        servers._apps.Add(simulator);
        await simulator.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        servers.Simulator = ServerApps.AddressOf(simulator);
        if (withRelay)
        {
            var relay = PassThroughRelay.Build(servers.Simulator, "http://127.0.0.1:0");
            servers._apps.Add(relay);
            await relay.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            servers.Relay = ServerApps.AddressOf(relay);
        }

        return servers;
    }

    /// <summary>A loopback address whose port was free a moment ago and is closed now (connects to it are refused).</summary>
    public static Uri ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await app.DisposeAsync();
        }
    }
}
