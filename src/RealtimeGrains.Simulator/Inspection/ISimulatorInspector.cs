namespace RealtimeGrains.Simulator;

/// <summary>The test handle of a simulator: what its sessions received, and fault injection. Resolve it from DI.</summary>
public interface ISimulatorInspector
{
    /// <summary>Every session opened so far (when <see cref="SimulatorOptions.RecordSessions"/> is on), oldest first.</summary>
    IReadOnlyList<SimulatorSessionRecord> Sessions { get; }

    /// <summary>Number of sessions currently open.</summary>
    int ActiveSessionCount { get; }

    /// <summary>Fault injection shared by all sessions.</summary>
    SimulatorFaults Faults { get; }

    /// <summary>Pacing of output audio against real time since start (or the last <see cref="ResetPacingStats"/>).</summary>
    SimulatorPacingStats PacingStats { get; }

    /// <summary>Starts a new pacing measurement window.</summary>
    void ResetPacingStats();

    /// <summary>Waits until a session that matches <paramref name="predicate"/> (any session when null) has been opened, including ones already open.</summary>
    /// <param name="predicate">Optional filter.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The session's record.</returns>
    Task<SimulatorSessionRecord> WaitForSessionAsync(Func<SimulatorSessionRecord, bool>? predicate = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The largest <see cref="SimulatorConnectionStats.MaxConcurrent"/> of any product session so far: 1 means no session
    /// ever had two upstream connections open at once (0: no connect named a session).
    /// </summary>
    int MaxConcurrentConnectionsPerSession { get; }

    /// <summary>
    /// A snapshot of the upstream connections of one product session (the <see cref="SimulatorConnectionHeaders.Session"/>
    /// header of the connect); see <see cref="SimulatorConnectionStats"/> for what counts as open.
    /// </summary>
    /// <param name="session">The product session id.</param>
    /// <returns>The session's connections, or null when no connect named it.</returns>
    SimulatorConnectionStats? GetConnectionStats(string session);

    /// <summary>A snapshot of the upstream connections of every product session that connected, keyed by product session id.</summary>
    /// <returns>One entry per session named by a connect; connects without the header are not included.</returns>
    IReadOnlyDictionary<string, SimulatorConnectionStats> AllConnectionStats();

    /// <summary>
    /// Waits until the connections of <paramref name="session"/> match <paramref name="predicate"/>, checked now and after
    /// every open and close of one of them; only once the session has had a connection (so <c>s =&gt; s.Open == 0</c> does not
    /// complete before the first connect). The predicate runs under the tracker's lock: keep it a quick test of the snapshot.
    /// </summary>
    /// <param name="session">The product session id.</param>
    /// <param name="predicate">The condition on the session's snapshot, e.g. <c>s =&gt; s.Open == 1</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first snapshot that matched.</returns>
    Task<SimulatorConnectionStats> WaitForConnectionStatsAsync(string session, Func<SimulatorConnectionStats, bool> predicate, CancellationToken cancellationToken = default);

    /// <summary>Every WebRTC call answered so far, oldest first (ended ones included).</summary>
    IReadOnlyList<SimulatorCall> Calls { get; }

    /// <summary>Waits until a call that matches <paramref name="predicate"/> (any call when null) has been answered, including earlier ones.</summary>
    /// <param name="predicate">Optional filter, e.g. <c>c =&gt; c.CallId == id</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The call.</returns>
    Task<SimulatorCall> WaitForCallAsync(Func<SimulatorCall, bool>? predicate = null, CancellationToken cancellationToken = default);
}
