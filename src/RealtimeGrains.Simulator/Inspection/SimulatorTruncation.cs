namespace RealtimeGrains.Simulator;

/// <summary>A <c>conversation.item.truncate</c> the simulator applied.</summary>
/// <param name="ItemId">The truncated item.</param>
/// <param name="ContentIndex">The content part.</param>
/// <param name="AudioEndMs">Milliseconds of audio kept.</param>
public sealed record SimulatorTruncation(string ItemId, int ContentIndex, int AudioEndMs);
