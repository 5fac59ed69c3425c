using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Host;

namespace RealtimeGrains.Gateway.Tests.Infrastructure;

/// <summary>The real host composition (silo, gateway, in-process simulator) on Kestrel at 127.0.0.1 with a free port.</summary>
public sealed class GatewayServer : IAsyncDisposable
{
    public const string ServerCredential = "app-server-credential-0123456789";

    /// <summary>A token request body for a voice session: audio and text, transcription, server VAD.</summary>
    public const string VoiceSession = """
        {"modalities":["audio","text"],"input_audio_transcription":{"model":"whisper-1"},
         "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500}}
        """;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, Uri baseUri, CapturingLoggerProvider logs)
    {
        _app = app;
        BaseUri = baseUri;
        Logs = logs;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = Deadline };
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public string UpstreamKey => Services.GetRequiredService<IOptions<UpstreamOptions>>().Value.ApiKey ?? "";

    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    /// <summary>The Host project folder (content root with wwwroot).</summary>
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

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(HostProjectDirectory, "..", ".."));

    public static async Task<GatewayServer> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = HostProjectDirectory, EnvironmentName = "Development" });
        var url = $"http://127.0.0.1:{FreePort()}";
        var values = new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["Host:StateStore"] = "Memory",
            ["Gateway:ServerCredentials:0"] = ServerCredential,
            ["RealtimeSimulator:SpeedFactor"] = "0",
            ["Host:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value?.Replace("{url}", url, StringComparison.Ordinal); // "{url}": the server's own address
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.WebHost.UseUrls(url);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        if (time is not null)
        {
            builder.Services.AddKeyedSingleton(RealtimeGrains.Sessions.Hosting.RealtimeClock.ServiceKey, time);
        }

        builder.AddRealtimeGrainsHost();
        var app = builder.Build();
        app.MapRealtimeGrainsHost();
        await app.StartAsync().WaitAsync(Deadline);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(address), logs);
    }

    /// <summary>A free loopback port (the in-process simulator's address must be known before start-up).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Mints a client token through <c>POST /v1/realtime/sessions</c> with the server credential.</summary>
    public async Task<(string Token, string SessionId)> MintAsync(string? sessionId = null, string path = "/v1/realtime/sessions", string? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("api-key", ServerCredential);
        request.Content = new StringContent(body ?? (sessionId is null ? """{"modalities":["text","audio"]}""" : $$"""{"session_id":"{{sessionId}}"}"""), System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request).WaitAsync(Deadline);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("client_secret").GetProperty("value").GetString()!, json.RootElement.GetProperty("id").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
