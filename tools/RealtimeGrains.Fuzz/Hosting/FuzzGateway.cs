using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RealtimeGrains.Host;

namespace RealtimeGrains.Fuzz.Hosting;

/// <summary>
/// The real host (silo, gateway, in-process simulator) on Kestrel at 127.0.0.1 on a free port, with every log entry
/// captured. Rate limits are lifted so that generated input reaches the parser and the session instead of the limiter
/// (the limiter has tests of its own); frames are limited to 256 KiB so oversized frames are cheap to make.
/// </summary>
internal sealed class FuzzGateway : IAsyncDisposable
{
    public const string ServerCredential = "fuzz-server-credential-0123456789abcdef";
    public const int MaxFrameBytes = 256 * 1024;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private long _unobserved;

    private FuzzGateway(WebApplication app, Uri baseUri, LogCapture logs)
    {
        _app = app;
        BaseUri = baseUri;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = Deadline };
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public LogCapture Logs { get; }

    /// <summary>Task exceptions nobody observed since start (counted when the finalizer thread finds them).</summary>
    public long UnobservedExceptions => Interlocked.Read(ref _unobserved);

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    public static async Task<FuzzGateway> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = HostDirectory(), EnvironmentName = "Production" });
        var url = $"http://127.0.0.1:{FreePort()}";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["Host:StateStore"] = "Memory",
            ["Host:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:ServerCredentials:0"] = ServerCredential,
            ["Gateway:MessagesPerSecond"] = "100000",
            ["Gateway:MessageBurst"] = "100000",
            ["Gateway:MaxRealtimeFrameBytes"] = MaxFrameBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RealtimeSimulator:SpeedFactor"] = "0",
        });
        builder.WebHost.UseUrls(url);
        var logs = new LogCapture();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddProvider(logs);
        builder.AddRealtimeGrainsHost();
        var app = builder.Build();
        app.MapRealtimeGrainsHost();
        await app.StartAsync(cancellationToken).WaitAsync(Deadline, cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FuzzGateway(app, new Uri(address), logs);
    }

    /// <summary>Mints a client token through <c>POST /v1/realtime/sessions</c> with the server credential.</summary>
    public async Task<string> MintAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/sessions");
        request.Headers.Add("api-key", ServerCredential);
        request.Content = new StringContent("""{"modalities":["text","audio"]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request, cancellationToken).WaitAsync(Deadline, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return json.RootElement.GetProperty("client_secret").GetProperty("value").GetString()!;
    }

    /// <summary>Copies the error-level log lines and unobserved exceptions seen so far into <paramref name="report"/>.</summary>
    public void Collect(Running.FuzzReport report)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        report.UnhandledExceptions = Logs.Errors.Count(l => l.Contains("Exception", StringComparison.Ordinal));
        report.ErrorLogLines = Logs.Errors.Count(l => !l.StartsWith("Unobserved", StringComparison.Ordinal));
        report.ErrorLogSamples.AddRange(Logs.Errors.Take(5));
        report.Checks["log entries (information and above)"] = Logs.Entries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Unobserved task exceptions that surfaced after a host was stopped (its shutdown, not the input): kept apart from
    /// the runs' figures, printed at the end of the command.
    /// </summary>
    public static System.Collections.Concurrent.ConcurrentQueue<string> ShutdownNotes { get; } = new();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        var before = Logs.Errors.Count;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        foreach (var note in Logs.Errors.Skip(before))
        {
            ShutdownNotes.Enqueue(note);
        }
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        Interlocked.Increment(ref _unobserved);
        Logs.Errors.Enqueue("Unobserved task exception: " + e.Exception);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Host project folder (its appsettings.json and wwwroot), found from the repository root.</summary>
    private static string HostDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RealtimeGrains.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null ? AppContext.BaseDirectory : Path.Combine(dir.FullName, "src", "RealtimeGrains.Host");
    }
}
