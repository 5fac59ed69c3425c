using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Gateway;

/// <summary>
/// The grain observer of one gateway client: the first message (the conversation so far) completes the attach; later
/// server events (GA JSON) go to the client's sink in sequence order (Orleans may deliver one-way calls out of order): as the bytes when the sink takes them (GA clients of the
/// Realtime endpoint), else parsed once. Clients know the session by the
/// gateway's id: upstream <c>session.created</c> (they had the gateway's on attach) is dropped, ids in updates rewritten.
/// </summary>
internal sealed class GatewaySessionObserver(string sessionId, IRealtimeSessionSink sink) : IRealtimeSessionObserver
{
    private readonly SessionEventSequencer _sequencer = new();
    private readonly TaskCompletionSource<IReadOnlyList<ConversationItem>> _conversation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _moved;

    public Task<IReadOnlyList<ConversationItem>> Conversation => _conversation.Task;

    /// <summary>Tells the client (once) to reconnect: the session is being handed over or its activation was lost.</summary>
    /// <param name="reason">A client-safe reason.</param>
    public void OnMoved(string reason)
    {
        if (Interlocked.Exchange(ref _moved, 1) == 0)
        {
            sink.OnSessionMoved(reason);
        }
    }

    public Task OnSessionEventAsync(SessionEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var next in _sequencer.Accept(message))
        {
            Deliver(next);
        }

        return Task.CompletedTask;
    }

    private void Deliver(SessionEvent message)
    {
        switch (message.Kind)
        {
            case SessionEventKind.Conversation:
                _conversation.TrySetResult(message.Items ?? []);
                break;
            case SessionEventKind.ServerEvent when message.Json is { } json:
                // Only the session handshake needs the object model (dropped or id rewritten); the rest can pass as bytes.
                if (message.Type is not ("session.created" or "session.updated") && sink.TryForwardGaJson(json))
                {
                    break;
                }

                var parsed = RealtimeProtocol.ParseServerEvent(json, ProtocolDialect.GA);
                if (parsed.Event is SessionCreatedEvent)
                {
                    break;
                }

                if (parsed.Event is SessionUpdatedEvent { Session: { } updated })
                {
                    updated.Id = sessionId;
                }

                if (parsed.Event is { } serverEvent)
                {
                    sink.OnServerEvent(serverEvent);
                    (serverEvent as IDisposable)?.Dispose();
                }

                break;
            case SessionEventKind.Flush:
                sink.OnFlush(message.ItemId, message.AudioEndMs);
                break;
            case SessionEventKind.Status when message.Type == "session.ended":
                sink.OnSessionClosed(message.Detail ?? "The session has ended.");
                break;
            case SessionEventKind.Status when message.Type == "session.moved":
                OnMoved(message.Detail ?? "The session moved to another server; reconnect to resume it.");
                break;
            case SessionEventKind.Status when message.Type == "upstream.refused":
                // The error event with the reason came first; a refusal retrying cannot mend ends this connection.
                sink.OnSessionClosed(message.Detail ?? "The model service refused the session.", failed: true);
                break;
        }
    }
}
