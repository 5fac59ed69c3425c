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
}
