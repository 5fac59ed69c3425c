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
    /// <returns>A task that completes when the event is accepted.</returns>
    ValueTask SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default);
}
