using System.Diagnostics;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Telemetry;

/// <summary>
/// The upstream connect span: kind, host and port, deployment. Never the URL's query, a header, the key or a token —
/// only values built here from the options' non-secret fields.
/// </summary>
internal static class UpstreamTelemetry
{
    /// <summary>One connect attempt, child of the ambient span (the opening of the upstream session) when there is one.</summary>
    public static Activity? StartConnect(string sessionId, UpstreamKind kind, Uri endpoint, string deployment)
    {
        if (!SessionTelemetry.Source.HasListeners())
        {
            return null;
        }

        var span = SessionTelemetry.Source.StartActivity("realtime.upstream.connect", ActivityKind.Client, Activity.Current?.Context ?? SessionTraceContext.For(sessionId));
        if (span is not null)
        {
            span.SetTag(SessionTelemetry.SessionIdTag, sessionId);
            span.SetTag(SessionTelemetry.UpstreamKindTag, kind.ToString());
            span.SetTag("server.address", endpoint.Host);
            span.SetTag("server.port", endpoint.Port);
            span.SetTag("gen_ai.request.model", deployment);
        }

        return span;
    }

    /// <summary>Counts the failure by cause and marks the span.</summary>
    public static void ConnectFailed(Activity? span, UpstreamKind kind, string errorType, int statusCode)
    {
        SessionTelemetry.ConnectFailed(kind, errorType);
        if (span is not null)
        {
            if (statusCode != 0)
            {
                span.SetTag("http.response.status_code", statusCode);
            }

            SessionTelemetry.Fail(span, errorType);
        }
    }
}
