namespace RealtimeGrains.Simulator;

/// <summary>A pending <see cref="ISimulatorInspector.WaitForConnectionStatsAsync"/>.</summary>
internal sealed class ConnectionWaiter(string session, Func<SimulatorConnectionStats, bool> match)
{
    public string Session { get; } = session;

    public Func<SimulatorConnectionStats, bool> Match { get; } = match;

    public TaskCompletionSource<SimulatorConnectionStats> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
