using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Host;

namespace RealtimeGrains.Host.E2E.Tests;

/// <summary>The host exactly as <c>dotnet run</c> composes it (sample page, simulator), on 127.0.0.1 with a free port.</summary>
public sealed class HostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:port/ (loopback is a secure context for getUserMedia).</summary>
    public Uri BaseUri { get; }

    /// <summary>The host's services (its grain factory, the in-process simulator's inspector).</summary>
    public IServiceProvider Services => _app.Services;

    public static string HostProjectDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RealtimeGrains.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "src", "RealtimeGrains.Host");
        }
    }

    public static async Task<HostServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = HostProjectDirectory, EnvironmentName = "Development" });
        var url = $"http://127.0.0.1:{FreePort()}";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Host:StateStore"] = "Memory",
            ["urls"] = url,
            ["Host:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.AddRealtimeGrainsHost();
        var app = builder.Build();
        app.MapRealtimeGrainsHost();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HostServer(app, new Uri(address));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
