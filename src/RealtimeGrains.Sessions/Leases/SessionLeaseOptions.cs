namespace RealtimeGrains.Sessions.Hosting;

/// <summary>
/// Strict single ownership of sessions (section <c>RealtimeSessions:Lease</c>). Each silo holds one lease in the state
/// store, renewed every <see cref="RenewEvery"/> for <see cref="Duration"/>; a session grain stamps its record with the
/// silo's lease and a new epoch before it opens an upstream socket. A silo that cannot renew closes every upstream
/// socket before its lease runs out; another silo takes a session over only once the previous owner's lease has ended
/// (released, expired, or replaced by a new incarnation). See docs/architecture.md, "Cluster".
/// </summary>
public sealed class SessionLeaseOptions
{
    /// <summary>Whether sessions take the lease (off only for tests of something else). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long one renewal holds the lease. It bounds how long a dead silo's sessions stay unowned. Default 3 s.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the lease is renewed (at most a third of <see cref="Duration"/>). Default 750 ms.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// Clock difference allowed between silos: a taker waits this much past the owner's expiry (written in the owner's
    /// clock); the owner stops this much before it. Default 250 ms (keep silos on NTP).
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an activation waits for a previous owner's lease to end before it fails. Default 15 s.</summary>
    public TimeSpan TakeoverTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
