using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>One client's attachment to a <see cref="RelaySession"/>.</summary>
internal sealed class RelayAttachment(RelaySession owner, IRealtimeSessionSink sink, SessionConfig session, IReadOnlyList<RealtimeItem> conversation)
    : IRealtimeSessionAttachment
{
    private int _disposed;

    public IRealtimeSessionSink Sink { get; } = sink;

    public string SessionId => owner.SessionId;

    public SessionConfig Session { get; } = session;

    public IReadOnlyList<RealtimeItem> Conversation { get; } = conversation;

    public async ValueTask<ProtocolError?> SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            await owner.SendAsync(clientEvent, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The relay has no server-side truncation: clients truncate themselves.</summary>
    public ValueTask ReportPlaybackAsync(string itemId, int playedMs) => ValueTask.CompletedTask;

    public async ValueTask InterruptAsync(int? playedMs) =>
        await SendAsync(new ResponseCancelEvent { EventId = ProtocolIds.NewEventId() }).ConfigureAwait(false);

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            owner.Detach(this);
        }

        return ValueTask.CompletedTask;
    }
}
