using RealtimeGrains.Gateway;
using RealtimeGrains.Sessions.Upstream;
using SessionsUpstreamKind = RealtimeGrains.Sessions.Upstream.UpstreamKind;
using UpstreamKind = RealtimeGrains.Gateway.UpstreamKind;

namespace RealtimeGrains.Host;

/// <summary>Turns the host's one <c>Upstream</c> section into the session grains' upstream options.</summary>
internal static class UpstreamMapping
{
    /// <summary>Copies kind, endpoint, deployment, API version, credentials and connect timeout.</summary>
    /// <param name="source">The <c>Upstream</c> section.</param>
    /// <param name="target">The session grains' upstream options.</param>
    /// <param name="simulatorEndpoint">The host's own address, for the in-process simulator (null if unknown).</param>
    public static void Apply(UpstreamOptions source, RealtimeUpstreamOptions target, string? simulatorEndpoint)
    {
        target.Kind = source.Kind switch
        {
            UpstreamKind.AzureOpenAI when !string.IsNullOrEmpty(source.ApiVersion) => SessionsUpstreamKind.AzurePreview,
            UpstreamKind.AzureOpenAI => SessionsUpstreamKind.AzureGa,
            UpstreamKind.OpenAI => SessionsUpstreamKind.OpenAI,
            _ => SessionsUpstreamKind.Simulator,
        };
        target.Endpoint = source.Endpoint
            ?? (source.Kind == UpstreamKind.Simulator && simulatorEndpoint is not null ? new Uri(simulatorEndpoint + source.SimulatorPath) : null);
        target.Deployment = source.Deployment;
        target.ApiVersion = string.IsNullOrEmpty(source.ApiVersion) ? target.ApiVersion : source.ApiVersion;
        target.ApiKey = source.ApiKey;
        target.UseEntraId = source.UseEntraId;
        target.ConnectTimeout = source.ConnectTimeout;
        target.PreviewWebRtcUrl = source.WebRtcUrl;
    }
}
