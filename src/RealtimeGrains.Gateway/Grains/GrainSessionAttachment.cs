using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;

namespace RealtimeGrains.Gateway;

/// <summary>
/// A client's attachment to an <see cref="IRealtimeSessionGrain"/>: validated client events become grain calls.
/// Events with no grain counterpart (the session owns tools and the conversation) get an error for that client.
/// </summary>
internal sealed class GrainSessionAttachment(
    IGrainFactory grains,
    IRealtimeSessionGrain grain,
    GatewaySessionObserver observer,
    IRealtimeSessionObserver reference,
    string sessionId,
    SessionConfig session,
    IReadOnlyList<RealtimeItem> conversation)
    : IRealtimeSessionAttachment
{
    // Orleans holds an observer object weakly: this strong reference keeps it (and the client's events) alive while attached.
    private readonly GatewaySessionObserver _observer = observer;
    private int _disposed;

    /// <summary>The observer object this attachment keeps alive.</summary>
    public GatewaySessionObserver Observer => _observer;

    public string SessionId => sessionId;

    public SessionConfig Session => session;

    public IReadOnlyList<RealtimeItem> Conversation => conversation;

    public async ValueTask<ProtocolError?> SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        switch (clientEvent)
        {
            case InputAudioBufferAppendEvent append:
                await grain.AppendAudioAsync(append.Audio.ToArray()).ConfigureAwait(false);
                return null;
            case InputAudioBufferCommitEvent:
                await grain.CommitAudioAsync().ConfigureAwait(false);
                return null;
            case InputAudioBufferClearEvent:
                await grain.ClearAudioAsync().ConfigureAwait(false);
                return null;
            case ResponseCreateEvent:
                await grain.CreateResponseAsync().ConfigureAwait(false);
                return null;
            case ResponseCancelEvent:
                await grain.CancelResponseAsync().ConfigureAwait(false);
                return null;
            case ConversationItemTruncateEvent { ItemId: { } itemId } truncate:
                await grain.TruncateAsync(itemId, truncate.AudioEndMs ?? 0).ConfigureAwait(false);
                return null;
            case SessionUpdateEvent { Session: { } update }:
                await grain.ConfigureAsync(SessionMapping.ToSettings(update)).ConfigureAwait(false);
                return null;
            case ConversationItemCreateEvent { Item: { Type: ItemTypes.Message, Role: "user", Content: [{ Type: ContentPartTypes.InputText, Text: { } text }] } }:
                await grain.SendTextAsync(text).ConfigureAwait(false);
                return null;
            default:
                return ProtocolErrors.Create("unsupported_event",
                    $"The event '{clientEvent.Type}' is not supported by this gateway (tools and the conversation are managed by the server).",
                    eventId: clientEvent.EventId);
        }
    }

    public async ValueTask ReportPlaybackAsync(string itemId, int playedMs) => await grain.ReportPlaybackAsync(itemId, playedMs).ConfigureAwait(false);

    public async ValueTask InterruptAsync(int? playedMs) => await grain.InterruptAsync(playedMs).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await grain.DetachAsync(reference).ConfigureAwait(false);
        }
        finally
        {
            grains.DeleteObjectReference<IRealtimeSessionObserver>(reference);
        }
    }
}
