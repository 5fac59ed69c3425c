namespace RealtimeGrains.Simulator;

/// <summary>How many faults the simulator injected, by kind (armed ones and ones drawn at a rate alike).</summary>
/// <param name="ConnectRefusals">Connects refused with HTTP 429.</param>
/// <param name="MidResponseDrops">Sockets aborted in the middle of a response.</param>
/// <param name="Stalls">Responses whose session's output was held (<see cref="SimulatorFaultRates.Stall"/>).</param>
/// <param name="EarlyExpiries">Sessions that got <c>session_expired</c> before their announced <c>expires_at</c>.</param>
/// <param name="SlowReadSessions">Sessions that read their client's frames slowly.</param>
public sealed record SimulatorFaultCounts(long ConnectRefusals, long MidResponseDrops, long Stalls, long EarlyExpiries, long SlowReadSessions)
{
    /// <summary>Every fault injected.</summary>
    public long Total => ConnectRefusals + MidResponseDrops + Stalls + EarlyExpiries + SlowReadSessions;
}
