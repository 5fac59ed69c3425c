namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Opens upstream Realtime sockets. The default connects to the configured service over WebSocket.</summary>
internal interface IUpstreamConnector
{
    /// <summary>Opens one upstream session (no retries: the caller backs off).</summary>
    /// <param name="sessionId">The session grain's id (for logs).</param>
    /// <param name="callId">A WebRTC call's id: connect to that call's sideband (<c>?call_id=</c>) instead of a new media session.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <returns>The open connection; start its loops with <see cref="UpstreamConnection.Start"/>.</returns>
    /// <exception cref="UpstreamConnectException">The handshake failed.</exception>
    Task<UpstreamConnection> ConnectAsync(string sessionId, string? callId = null, CancellationToken cancellationToken = default);
}
