namespace RealtimeGrains.LoadGen;

/// <summary>What the sessions of one target (one <c>--url</c>) of a phase did: the per-URL breakdown of a run across silos.</summary>
internal sealed record TargetResult
{
    /// <summary>The target's base address.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>Sessions assigned to it (round-robin).</summary>
    public int Sessions { get; init; }

    /// <summary>Of those, sustained through the hold (same rule as the phase's).</summary>
    public int Sustained { get; init; }

    /// <summary>Errors of its sessions (a phase-wide error such as <c>not_ready_in_45s</c> belongs to no target).</summary>
    public long Errors { get; init; }

    public string ErrorCodes { get; init; } = string.Empty;
}
