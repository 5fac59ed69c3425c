namespace RealtimeGrains.Simulator;

/// <summary>One upstream WebSocket connection the simulator accepted for a product session (see <see cref="SimulatorConnectionStats"/>).</summary>
/// <param name="Silo">The <see cref="SimulatorConnectionHeaders.Silo"/> header of the connect, or null when absent.</param>
/// <param name="SimulatorSessionId">The simulator's own session id (<c>sess_…</c>) on this connection, as in <see cref="SimulatorSessionRecord.SessionId"/>.</param>
/// <param name="OpenedAt">When the simulator accepted the upgrade (UTC, just before it sent <c>101 Switching Protocols</c>).</param>
/// <param name="ClosedAt">When the simulator was finished with the socket (UTC), or null while the connection is open.</param>
/// <param name="KeepAliveTimedOut">Whether the connection ended because the peer did not answer a keep-alive ping in time (<see cref="SimulatorOptions.KeepAliveTimeout"/>).</param>
public sealed record SimulatorConnection(
    string? Silo,
    string SimulatorSessionId,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    bool KeepAliveTimedOut);
