using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>Receives the server events of a session for one attached client.</summary>
public interface IRealtimeSessionSink
{
    /// <summary>
    /// Called for each server event, in order. The event is only valid during the call (audio buffers are pooled):
    /// serialise or copy it before returning. Must not block: queue and return.
    /// </summary>
    /// <param name="serverEvent">The event.</param>
    void OnServerEvent(ServerEvent serverEvent);

    /// <summary>
    /// Fast path: offers a server event that needs no change as its GA JSON bytes (the sink may keep the array). A sink
    /// that writes GA JSON anyway queues them as they are and returns true; otherwise it returns false and gets the
    /// parsed event through <see cref="OnServerEvent"/>. Default: false.
    /// </summary>
    /// <param name="gaJson">The whole event as GA JSON (not modified afterwards by the caller).</param>
    /// <returns>Whether the sink took the bytes.</returns>
    bool TryForwardGaJson(byte[] gaJson) => false;

    /// <summary>Barge-in: the client should stop playing <paramref name="itemId"/> now and drop buffered audio.</summary>
    /// <param name="itemId">The item that was playing, if known.</param>
    /// <param name="audioEndMs">Where the item was truncated, if known.</param>
    void OnFlush(string? itemId, int? audioEndMs);

    /// <summary>Called once when the session ends or can no longer serve this client.</summary>
    /// <param name="reason">A client-safe reason.</param>
    /// <param name="failed">Whether the session ended because the upstream refused it (the connection closes as a server error).</param>
    void OnSessionClosed(string reason, bool failed = false);

    /// <summary>
    /// Called once when this client must reconnect to go on: the session's server is handing it over (shutdown) or was lost.
    /// The client resumes with a token for the same session (the hub's resume token, or one the application mints).
    /// </summary>
    /// <param name="reason">A client-safe reason.</param>
    void OnSessionMoved(string reason) => OnSessionClosed(reason);
}
