namespace RealtimeGrains.Sessions;

/// <summary>What a session keeps per attached observer.</summary>
internal sealed class ObserverSlot
{
    /// <summary>The sequence number of the next message to it (observers reorder one-way calls by it).</summary>
    public long NextSequence { get; set; } = 1;

    /// <summary>When it last called <c>KeepAttachedAsync</c> (product-clock timestamp); null while it never did (no liveness tracking).</summary>
    public long? LastSeen { get; set; }
}
