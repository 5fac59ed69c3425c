namespace RealtimeGrains.Simulator;

/// <summary>A transition found by <see cref="ServerVad"/>: speech started or stopped at a point of the session's audio clock.</summary>
/// <param name="Started">True for speech start, false for speech stop.</param>
/// <param name="AudioMs">Milliseconds of session audio at which it happened (start already includes the prefix padding).</param>
internal readonly record struct VadEvent(bool Started, long AudioMs);
