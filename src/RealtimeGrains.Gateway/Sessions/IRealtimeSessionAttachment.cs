using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>One client's attachment to a session. Dispose to detach; the session lives on.</summary>
public interface IRealtimeSessionAttachment : IAsyncDisposable
{
    /// <summary>The session id.</summary>
    string SessionId { get; }

    /// <summary>The session configuration at attach time (what <c>session.created</c> reports).</summary>
    SessionConfig Session { get; }

    /// <summary>The conversation so far, oldest first (a resuming client receives these as item events).</summary>
    IReadOnlyList<RealtimeItem> Conversation { get; }

    /// <summary>Forwards a validated client event into the session. The event may be disposed once this returns.</summary>
    /// <param name="clientEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>Null when accepted; otherwise the error to send to this client (for example an unsupported event).</returns>
    ValueTask<ProtocolError?> SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default);

    /// <summary>Reports how much of an assistant item's audio this client has played (for barge-in truncation).</summary>
    /// <param name="itemId">The assistant item.</param>
    /// <param name="playedMs">Milliseconds played.</param>
    /// <returns>A task.</returns>
    ValueTask ReportPlaybackAsync(string itemId, int playedMs);

    /// <summary>Client barge-in: cancel the response and truncate the playing item at what was played.</summary>
    /// <param name="playedMs">Milliseconds played of the current item, or null for the last reported position.</param>
    /// <returns>A task.</returns>
    ValueTask InterruptAsync(int? playedMs);
}
