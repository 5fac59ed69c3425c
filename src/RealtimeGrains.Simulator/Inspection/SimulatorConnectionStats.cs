namespace RealtimeGrains.Simulator;

/// <summary>
/// The upstream connections of one product session (the <see cref="SimulatorConnectionHeaders.Session"/> header).
/// A connection counts as open from the moment the simulator accepts its upgrade (just before <c>101 Switching Protocols</c>
/// is sent) until the simulator is finished with the socket: the session has ended and the socket was closed or aborted
/// (client close, server close, a dropped or reset TCP connection, a keep-alive timeout, host shutdown) and disposed.
/// The open interval therefore contains every moment at which the socket existed on the server.
/// </summary>
/// <param name="Session">The product session id.</param>
/// <param name="Open">Connections open at the time of the snapshot.</param>
/// <param name="MaxConcurrent">The largest number of this session's connections that were ever open at the same time.</param>
/// <param name="Connections">Every connection of the session, in the order they were opened.</param>
public sealed record SimulatorConnectionStats(
    string Session,
    int Open,
    int MaxConcurrent,
    IReadOnlyList<SimulatorConnection> Connections);
