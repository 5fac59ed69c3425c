namespace RealtimeGrains.Sessions.Leases;

/// <summary>A silo's lease as stored (one record per silo process, written only by that silo).</summary>
public sealed class SiloLeaseRecord
{
    /// <summary>The silo (its Orleans address: endpoint and generation).</summary>
    public string Silo { get; set; } = string.Empty;

    /// <summary>Starts at 1; a silo that lost its lease (could not renew in time) starts a new incarnation, which ends every session taken under the old one.</summary>
    public int Incarnation { get; set; }

    /// <summary>When the lease ends unless renewed, in the writer's clock.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the silo stopped cleanly: its sessions may be taken at once.</summary>
    public bool Released { get; set; }
}
