using System.Net.WebSockets;

namespace RealtimeGrains.Simulator;

/// <summary>
/// One entry of a session's send queue: a text frame, a close (with <see cref="Status"/>), a stall of what follows (with
/// <see cref="Stall"/>, fault injection), or an abort (none of them).
/// </summary>
internal readonly record struct Outgoing(byte[]? Payload, WebSocketCloseStatus? Status, string? Reason)
{
    /// <summary>How long to hold the frames queued after this entry.</summary>
    public TimeSpan? Stall { get; init; }
}
