using System.Net.WebSockets;

namespace RealtimeGrains.Simulator;

/// <summary>One entry of a session's send queue: a text frame, a close (with <see cref="Status"/>), or an abort (neither).</summary>
internal readonly record struct Outgoing(byte[]? Payload, WebSocketCloseStatus? Status, string? Reason);
