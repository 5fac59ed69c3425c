using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Hosting;

/// <summary>Options of the session grains (section <c>RealtimeSessions</c>).</summary>
public sealed class RealtimeSessionsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RealtimeSessions";

    /// <summary>The upstream service.</summary>
    public RealtimeUpstreamOptions Upstream { get; set; } = new();

    /// <summary>How long a session with no attached observer stays active before it persists, closes upstream and deactivates. Default 2 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Shortest time between two write-behind state writes of one session. Item boundaries that fall within it coalesce
    /// into one write at its end, so a turn costs about one write instead of one per boundary. Deactivation and idle
    /// still write at once; a silo crash can lose at most this much of the conversation.
    /// <see cref="TimeSpan.Zero"/> writes at every boundary. Default 1 second.
    /// </summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most client audio bytes held while no upstream socket can take them (connecting, reconnecting, rolling over),
    /// and most uncommitted audio kept for re-sending to a new upstream session. Oldest audio is dropped beyond it.
    /// Default 1,440,000 (30 s of PCM16 at 24 kHz).
    /// </summary>
    public int MaxBufferedAudioBytes { get; set; } = 1_440_000;

    /// <summary>
    /// When an upstream connection is lost while a response is in progress, clients get a <c>response.done</c> with status
    /// <c>failed</c> (<c>status_details.error.code</c> = <c>upstream_lost</c>); with this set, the session asks the next
    /// upstream session once for the response again, so the user's turn is still answered. Default true.
    /// </summary>
    public bool RerunLostResponses { get; set; } = true;

    /// <summary>Strict single ownership across silos (section <c>RealtimeSessions:Lease</c>).</summary>
    public SessionLeaseOptions Lease { get; set; } = new();

    /// <summary>
    /// An observer that keeps itself attached (gateways call <c>KeepAttachedAsync</c> every few seconds) and has not done
    /// so for this long is dropped: its gateway is gone (a dead silo's clients never detach). Default 15 s.
    /// </summary>
    public TimeSpan ObserverTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
