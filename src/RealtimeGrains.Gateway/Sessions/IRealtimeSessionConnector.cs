namespace RealtimeGrains.Gateway;

/// <summary>
/// The gateway's one seam to sessions: attach a client to a session (created on first attach, resumed after).
/// The session grain adapter implements it over <c>IRealtimeSessionGrain</c>; until then the in-gateway relay does.
/// </summary>
public interface IRealtimeSessionConnector
{
    /// <summary>Attaches <paramref name="sink"/> to the session of <paramref name="grant"/>.</summary>
    /// <param name="grant">The redeemed client token (session id and minted configuration).</param>
    /// <param name="sink">Receives every server event of the session from now on.</param>
    /// <param name="cancellationToken">Cancels the attach.</param>
    /// <returns>The attachment; dispose it to detach.</returns>
    Task<IRealtimeSessionAttachment> AttachAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken = default);
}
