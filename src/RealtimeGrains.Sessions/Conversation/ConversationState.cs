using RealtimeGrains.Sessions.Leases;

namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// The persisted state of a session grain: the authoritative items, the settings and the usage. Written at
/// item boundaries (an item done, a transcript, a function output, a truncation), never per audio delta.
/// Versioned; fields are only added.
/// </summary>
public sealed class ConversationState
{
    /// <summary>The current schema version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Schema version of the stored record.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The conversation's items, in order.</summary>
    public List<ConversationItem> Items { get; set; } = [];

    /// <summary>The session settings the client configured.</summary>
    public RealtimeSessionSettings Settings { get; set; } = new();

    /// <summary>Usage totals.</summary>
    public UsageTotals Usage { get; set; } = new();

    /// <summary>How many times the upstream session was replaced (rollover or reconnect).</summary>
    public int UpstreamGenerations { get; set; }

    /// <summary>When the session's state was first created (product clock); null in state written before this was kept.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Every finished response with its usage, in order (see <see cref="Usage"/> for the totals).</summary>
    public List<ResponseUsage> Responses { get; set; } = [];

    /// <summary>The silo lease the owning activation took the session under; null when the last owner released it.</summary>
    public SessionOwner? Owner { get; set; }

    /// <summary>
    /// The WebRTC call the session is on (its sideband is the session's upstream), or null on a media WebSocket. Kept so a
    /// new activation (after a failover) goes back onto the same call's sideband: the call's media never passed this silo.
    /// </summary>
    public string? CallId { get; set; }

    /// <summary>Incremented by every activation that takes the session: the fencing number of its owners.</summary>
    public long Epoch { get; set; }
}
