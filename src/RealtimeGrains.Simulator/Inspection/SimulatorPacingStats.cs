namespace RealtimeGrains.Simulator;

/// <summary>How well output audio kept to its real-time schedule inside the simulator (independent of any client).</summary>
/// <param name="AudioChunks">Audio deltas sent on a paced schedule.</param>
/// <param name="LateChunks">Deltas sent more than 100 ms after their scheduled time.</param>
/// <param name="MaxLatenessMs">Largest lateness seen, in milliseconds.</param>
public sealed record SimulatorPacingStats(long AudioChunks, long LateChunks, double MaxLatenessMs);
