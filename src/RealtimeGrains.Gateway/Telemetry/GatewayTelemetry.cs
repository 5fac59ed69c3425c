using System.Diagnostics;
using System.Diagnostics.Metrics;
using RealtimeGrains.Sessions.Telemetry;

namespace RealtimeGrains.Gateway;

/// <summary>
/// The gateway's spans (<see cref="ActivitySourceName"/>) and instruments (<see cref="MeterName"/>): the attach span in the
/// session's trace (linked to the HTTP request that carried it), attached clients, refused tokens by reason.
/// </summary>
public static class GatewayTelemetry
{
    /// <summary>The name of the gateway's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "RealtimeGrains.Gateway";

    /// <summary>The name of the gateway's <see cref="Meter"/>.</summary>
    public const string MeterName = "RealtimeGrains.Gateway";

    private static readonly ActivitySource s_source = new(ActivitySourceName);
    private static readonly Meter s_meter = new(MeterName);

    private static readonly UpDownCounter<long> s_clients = s_meter.CreateUpDownCounter<long>(
        "realtimegrains.gateway.clients.attached", "{client}", "Clients attached to sessions through this silo's gateway.");

    private static readonly Counter<long> s_refused = s_meter.CreateCounter<long>(
        "realtimegrains.gateway.tokens.refused", "{token}", "Client tokens refused, by reason (missing, malformed, bad_signature, expired, replayed).");

    /// <summary>
    /// The attach span of <paramref name="sessionId"/>, in the session's trace, linked to the ambient span (the HTTP request
    /// or hub call that carried the client's token). Not made ambient.
    /// </summary>
    internal static Activity? StartAttach(string sessionId)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var request = Activity.Current;
        ActivityLink[]? links = request is null ? null : [new ActivityLink(request.Context)];
        var span = s_source.StartActivity("realtime.attach", ActivityKind.Server, SessionTraceContext.For(sessionId), links: links);
        Activity.Current = request;
        span?.SetTag("realtimegrains.session.id", sessionId);
        return span;
    }

    internal static void AttachFailed(Activity? span, Exception failure)
    {
        span?.SetTag("error.type", failure.GetType().Name);
        span?.SetStatus(ActivityStatusCode.Error);
    }

    internal static void ClientAttached() => s_clients.Add(1);

    internal static void ClientDetached() => s_clients.Add(-1);

    internal static void TokenChecked(TokenCheck outcome)
    {
        if (outcome != TokenCheck.Valid && s_refused.Enabled)
        {
            s_refused.Add(1, new KeyValuePair<string, object?>("realtimegrains.token.reason", ReasonOf(outcome)));
        }
    }

    internal static string ReasonOf(TokenCheck outcome) => outcome switch
    {
        TokenCheck.Missing => "missing",
        TokenCheck.Malformed => "malformed",
        TokenCheck.BadSignature => "bad_signature",
        TokenCheck.Expired => "expired",
        TokenCheck.Replayed => "replayed",
        _ => "valid",
    };
}
