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

    public ValueTask SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _disposed) == 0 ? owner.SendAsync(clientEvent, cancellationToken) : ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            owner.Detach(this);
        }

        return ValueTask.CompletedTask;
    }
}
