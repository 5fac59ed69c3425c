namespace RealtimeGrains.Simulator;

/// <summary>A connection the <see cref="ConnectionTracker"/> counts; changed only under the tracker's lock.</summary>
internal sealed class TrackedConnection(SessionConnectionLog log, string? silo, string simulatorSessionId, DateTimeOffset openedAt)
{
    public SessionConnectionLog Log { get; } = log;

    public DateTimeOffset? ClosedAt { get; set; }

    public bool KeepAliveTimedOut { get; set; }

    public SimulatorConnection Snapshot() => new(silo, simulatorSessionId, openedAt, ClosedAt, KeepAliveTimedOut);
}
