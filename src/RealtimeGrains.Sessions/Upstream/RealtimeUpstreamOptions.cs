using Azure.Core;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Where and how session grains connect upstream (section <c>RealtimeSessions:Upstream</c>).</summary>
public sealed class RealtimeUpstreamOptions
{
    /// <summary>The Entra ID scope of Azure OpenAI.</summary>
    public const string CognitiveServicesScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The kind of service. Default <see cref="UpstreamKind.Simulator"/>.</summary>
    public UpstreamKind Kind { get; set; } = UpstreamKind.Simulator;

    /// <summary>The service's base address, for example <c>https://my-resource.openai.azure.com</c> or <c>http://127.0.0.1:5000</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Resolves the base address at each connect (wins over <see cref="Endpoint"/>): for hosts that learn their
    /// upstream address after start-up, such as an in-process simulator on a dynamic port.
    /// </summary>
    public Func<Uri>? EndpointProvider { get; set; }

    /// <summary>The deployment (Azure preview) or model (GA, OpenAI) name.</summary>
    public string Deployment { get; set; } = "gpt-realtime";

    /// <summary>The <c>api-version</c> of the Azure preview path. Default <c>2025-04-01-preview</c>.</summary>
    public string ApiVersion { get; set; } = "2025-04-01-preview";

    /// <summary>Azure preview WebRTC: the regional <c>…/v1/realtimertc</c> URL returned with a preview key (the simulator's own when unset).</summary>
    public Uri? PreviewWebRtcUrl { get; set; }

    /// <summary>The API key (Azure <c>api-key</c> header, OpenAI Bearer). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Authenticate with Microsoft Entra ID instead of a key (Azure kinds).</summary>
    public bool UseEntraId { get; set; }

    /// <summary>The Entra credential; <c>DefaultAzureCredential</c> when null and <see cref="UseEntraId"/> is set.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How long before its expiry a cached Entra token is replaced. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one upstream session is used before the grain rolls over to a fresh one. Null: 25 minutes on
    /// Azure and the simulator (Azure closes at 30), 55 minutes on OpenAI (closes at 60).
    /// </summary>
    public TimeSpan? SessionLimit { get; set; }

    /// <summary>Connect attempts per (re)connect before observers are told the upstream is unavailable. Default 6.</summary>
    public int ConnectAttempts { get; set; } = 6;

    /// <summary>
    /// How long one connect (WebSocket handshake, token included) may take before it counts as a transient failure and
    /// is retried with backoff. Wall-clock time: a hanging handshake is a network matter, not grain time. Default 15 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First backoff delay after a transient connect failure; doubles per attempt. Default 200 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest backoff delay. Default 10 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Transient connect failures in a row (over all sessions of the silo) that open the upstream's circuit: connects then
    /// wait <see cref="CircuitOpenDuration"/> before they try again. Default 20.
    /// </summary>
    public int CircuitFailureThreshold { get; set; } = 20;

    /// <summary>How long an open circuit holds connects back (the service's longer <c>Retry-After</c> wins, up to a minute). Default 5 s.</summary>
    public TimeSpan CircuitOpenDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a response in progress may go without any event from the upstream before its socket is given up as stalled
    /// (the response then counts as lost: the client is told, the grain reconnects and asks again). Product-clock time.
    /// Default 30 s; <see cref="TimeSpan.Zero"/> turns the watch off.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Frames queued for the send loop before senders wait (backpressure). Default 256.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>The session limit in effect for <see cref="Kind"/>.</summary>
    /// <returns>The configured limit or the kind's default.</returns>
    public TimeSpan EffectiveSessionLimit() =>
        SessionLimit ?? (Kind == UpstreamKind.OpenAI ? TimeSpan.FromMinutes(55) : TimeSpan.FromMinutes(25));
}
