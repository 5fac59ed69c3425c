namespace RealtimeGrains.Simulator;

/// <summary>The connections of one product session and its counters; changed only under the <see cref="ConnectionTracker"/>'s lock.</summary>
internal sealed class SessionConnectionLog(string session)
{
    public string Session { get; } = session;

    public List<TrackedConnection> Connections { get; } = [];

    public int Open { get; set; }

    public int MaxConcurrent { get; set; }

    public SimulatorConnectionStats Snapshot() => new(Session, Open, MaxConcurrent, Connections.ConvertAll(c => c.Snapshot()));
}
