using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Builds the WebSocket address and picks the protocol generation of an upstream kind.</summary>
internal static class UpstreamEndpoint
{
    public static ProtocolDialect DialectOf(UpstreamKind kind) => kind == UpstreamKind.AzurePreview ? ProtocolDialect.Beta : ProtocolDialect.GA;

    public static Uri Build(RealtimeUpstreamOptions options)
    {
        var endpoint = BaseOf(options);
        var deployment = Uri.EscapeDataString(options.Deployment);
        var pathAndQuery = options.Kind switch
        {
            UpstreamKind.AzurePreview => $"/openai/realtime?api-version={Uri.EscapeDataString(options.ApiVersion)}&deployment={deployment}",
            UpstreamKind.OpenAI => $"/v1/realtime?model={deployment}",
            _ => $"/openai/v1/realtime?model={deployment}",
        };
        return Combine(endpoint, WebSocketScheme(endpoint), pathAndQuery);
    }

    /// <summary>
    /// The sideband of a WebRTC call: <c>…/openai/v1/realtime?call_id=…</c> (Azure, the simulator) or <c>/v1/realtime?call_id=…</c>
    /// (OpenAI). Calls live on the GA paths whatever <see cref="RealtimeUpstreamOptions.Kind"/> says about media sessions.
    /// </summary>
    public static Uri BuildSideband(RealtimeUpstreamOptions options, string callId)
    {
        var endpoint = BaseOf(options);
        return Combine(endpoint, WebSocketScheme(endpoint), $"{GaPrefix(options)}/realtime?call_id={Uri.EscapeDataString(callId)}");
    }

    /// <summary>An HTTP address on the GA paths: <paramref name="relative"/> is what follows <c>/openai/v1</c> (or OpenAI's <c>/v1</c>).</summary>
    public static Uri BuildHttp(RealtimeUpstreamOptions options, string relative)
    {
        var endpoint = BaseOf(options);
        return Combine(endpoint, endpoint.Scheme is "http" or "ws" ? "http" : "https", GaPrefix(options) + relative);
    }

    /// <summary>Azure's preview sessions URL (<c>/openai/realtimeapi/sessions?api-version=…</c>) that mints one-minute WebRTC keys.</summary>
    public static Uri BuildPreviewSessions(RealtimeUpstreamOptions options)
    {
        var endpoint = BaseOf(options);
        return Combine(endpoint, endpoint.Scheme is "http" or "ws" ? "http" : "https", $"/openai/realtimeapi/sessions?api-version={Uri.EscapeDataString(options.ApiVersion)}");
    }

    /// <summary>Where a browser posts its offer with a preview key: the configured regional URL, or the simulator's own.</summary>
    public static Uri? PreviewWebRtc(RealtimeUpstreamOptions options)
    {
        if (options.PreviewWebRtcUrl is { } configured)
        {
            return configured;
        }

        if (options.Kind != UpstreamKind.Simulator)
        {
            return null;
        }

        var endpoint = BaseOf(options);
        return Combine(endpoint, endpoint.Scheme is "http" or "ws" ? "http" : "https", "/v1/realtimertc");
    }

    private static string GaPrefix(RealtimeUpstreamOptions options) => options.Kind == UpstreamKind.OpenAI ? "/v1" : "/openai/v1";

    private static Uri BaseOf(RealtimeUpstreamOptions options) =>
        options.EndpointProvider?.Invoke() ?? options.Endpoint ?? (options.Kind == UpstreamKind.OpenAI ? new Uri("wss://api.openai.com") : throw new InvalidOperationException("RealtimeSessions:Upstream:Endpoint is required."));

    private static string WebSocketScheme(Uri endpoint) => endpoint.Scheme is "http" or "ws" ? "ws" : "wss";

    private static Uri Combine(Uri endpoint, string scheme, string pathAndQuery) =>
        new($"{scheme}://{endpoint.Authority}{endpoint.AbsolutePath.TrimEnd('/')}{pathAndQuery}");
}
