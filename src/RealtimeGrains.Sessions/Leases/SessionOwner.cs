namespace RealtimeGrains.Sessions.Leases;

/// <summary>Who owns a session, as stamped in its persisted state by the activation that took it.</summary>
public sealed class SessionOwner
{
    /// <summary>The owning silo (<see cref="SiloLeaseRecord.Silo"/>).</summary>
    public string Silo { get; set; } = string.Empty;

    /// <summary>The owner's lease incarnation when it took the session.</summary>
    public int Incarnation { get; set; }
}
