namespace RealtimeGrains.Host;

/// <summary>
/// Failure detection of the cluster (section <c>Host:Membership</c>), mapped onto Orleans' <c>ClusterMembershipOptions</c>.
/// Orleans' defaults (5 s probes, 3 misses) take 11–15 s to declare a killed silo dead; these take about a second on a
/// LAN or loopback. Raise them on a network or machine where a silo can stall for longer than
/// <see cref="ProbeTimeout"/> × <see cref="MissedProbesLimit"/> without being dead (long GC pauses, CPU starvation).
/// </summary>
internal sealed class MembershipHostOptions
{
    /// <summary>How long a probe waits for its answer (Orleans adapts it between half and four times this). Default 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes in a row before a silo suspects another. Default 2.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicions needed to declare a silo dead (capped by the number of other live silos). Default 2.</summary>
    public int VotesForDeath { get; set; } = 2;
}
