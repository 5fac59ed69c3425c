namespace RealtimeGrains.LoadGen;

/// <summary>
/// Where a session connects: a Realtime WebSocket URL and either a key sent as <c>api-key</c> (simulator, relay) or a
/// token endpoint that mints a client token per session with a server credential (the gateway).
/// </summary>
internal sealed record SessionTarget(Uri WebSocketUri, string? ApiKey, Uri? TokenEndpoint = null, string? ServerCredential = null)
{
    /// <summary>A simulator (or anything that takes the simulator's key) at <paramref name="baseUri"/>, GA path.</summary>
    public static SessionTarget Direct(Uri baseUri, string apiKey) =>
        new(new Uri(ToWebSocket(baseUri), $"/openai/v1/realtime?model={SimulatorSetup.Model}"), apiKey);

    /// <summary>A RealtimeGrains gateway at <paramref name="baseUri"/>: token from <c>POST /v1/realtime/sessions</c>, socket on <c>/v1/realtime</c>.</summary>
    public static SessionTarget Gateway(Uri baseUri, string serverCredential) =>
        new(new Uri(ToWebSocket(baseUri), $"/v1/realtime?model={SimulatorSetup.Model}"), null, new Uri(baseUri, "/v1/realtime/sessions"), serverCredential);

    /// <summary>The http(s) base address the target was made from (what the per-URL breakdown is labelled with).</summary>
    public Uri BaseUri => new UriBuilder(WebSocketUri) { Scheme = WebSocketUri.Scheme == "wss" ? "https" : "http", Path = "/", Query = string.Empty }.Uri;

    private static Uri ToWebSocket(Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
