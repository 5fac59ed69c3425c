using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Builds the WebSocket address and picks the protocol generation of an upstream kind.</summary>
internal static class UpstreamEndpoint
{
    public static ProtocolDialect DialectOf(UpstreamKind kind) => kind == UpstreamKind.AzurePreview ? ProtocolDialect.Beta : ProtocolDialect.GA;

    public static Uri Build(RealtimeUpstreamOptions options)
    {
        var endpoint = options.EndpointProvider?.Invoke() ?? options.Endpoint ?? (options.Kind == UpstreamKind.OpenAI ? new Uri("wss://api.openai.com") : throw new InvalidOperationException("RealtimeSessions:Upstream:Endpoint is required."));
        var scheme = endpoint.Scheme switch
        {
            "http" or "ws" => "ws",
            _ => "wss",
        };
        var deployment = Uri.EscapeDataString(options.Deployment);
        var pathAndQuery = options.Kind switch
        {
            UpstreamKind.AzurePreview => $"/openai/realtime?api-version={Uri.EscapeDataString(options.ApiVersion)}&deployment={deployment}",
            UpstreamKind.OpenAI => $"/v1/realtime?model={deployment}",
            _ => $"/openai/v1/realtime?model={deployment}",
        };
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        return new Uri($"{scheme}://{endpoint.Authority}{basePath}{pathAndQuery}");
    }
}
