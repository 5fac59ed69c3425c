namespace RealtimeGrains.Sessions.Status;

/// <summary>Cluster-wide listing of live session activations, per active silo, for operators.</summary>
public interface ILiveSessionDirectory
{
    /// <summary>
    /// Asks every active silo (from this silo's membership view) for its live sessions. Never activates a session grain
    /// and never opens an upstream: each silo reads its own activations' status on their schedulers.
    /// </summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>One entry per active silo, ordered by silo name.</returns>
    Task<IReadOnlyList<SiloSessions>> ListAsync(CancellationToken cancellationToken = default);
}
