using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;

namespace RealtimeGrains.Gateway;

/// <summary>
/// A client's attachment to an <see cref="IRealtimeSessionGrain"/>: validated client events become grain calls.
/// Events with no grain counterpart (the session owns tools and the conversation) get an error for that client.
/// While attached it keeps itself attached (<see cref="IRealtimeSessionGrain.KeepAttachedAsync"/> every
/// <see cref="GatewayOptions.SessionKeepAliveInterval"/>): when the grain's activation it attached to is gone (its silo
/// died) the client is told to reconnect, and a gateway that died stops being counted by the grain.
/// </summary>
internal sealed class GrainSessionAttachment : IRealtimeSessionAttachment
{
    /// <summary>Keep-alive calls may fail this long in a row (a silo being declared dead) before the client is told to reconnect.</summary>
    private static readonly TimeSpan UnreachableLimit = TimeSpan.FromSeconds(10);

    private readonly IGrainFactory _grains;
    private readonly IRealtimeSessionGrain _grain;
    private readonly IRealtimeSessionObserver _reference;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;
    private int _disposed;

    public GrainSessionAttachment(
        IGrainFactory grains,
        IRealtimeSessionGrain grain,
        GatewaySessionObserver observer,
        IRealtimeSessionObserver reference,
        string sessionId,
        SessionConfig session,
        IReadOnlyList<RealtimeItem> conversation,
        TimeSpan keepAliveInterval,
        TimeProvider time)
    {
        _grains = grains;
        _grain = grain;

        // Orleans holds an observer object weakly: this strong reference keeps it (and the client's events) alive while attached.
        Observer = observer;
        _reference = reference;
        SessionId = sessionId;
        Session = session;
        Conversation = conversation;
        _keepAlive = KeepAttachedAsync(keepAliveInterval, time, _stop.Token);
        GatewayTelemetry.ClientAttached();
    }

    /// <summary>The observer object this attachment keeps alive.</summary>
    public GatewaySessionObserver Observer { get; }

    public string SessionId { get; }

    public SessionConfig Session { get; }

    public IReadOnlyList<RealtimeItem> Conversation { get; }

    public async ValueTask<ProtocolError?> SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        switch (clientEvent)
        {
            case InputAudioBufferAppendEvent append:
                await _grain.AppendAudioAsync(append.Audio.ToArray()).ConfigureAwait(false);
                return null;
            case InputAudioBufferCommitEvent or InputAudioBufferClearEvent or ResponseCreateEvent or ResponseCancelEvent:
                // As the client wrote them (options, and its event_id, which the service's errors name).
                return await ForwardAsync(clientEvent).ConfigureAwait(false);
            case ConversationItemTruncateEvent { ItemId: { } itemId } truncate:
                await _grain.TruncateAsync(itemId, truncate.AudioEndMs ?? 0).ConfigureAwait(false);
                return null;
            case SessionUpdateEvent { Session.Type: SessionTypes.Transcription }:
                // Upstream refuses to turn a conversation into a transcription-only session; so does the gateway.
                return ProtocolErrors.Create("invalid_value",
                    "This is a realtime (conversation) session; a transcription session's update cannot be applied to it. Transcription-only sessions are not served by this gateway.",
                    param: "session.type", eventId: clientEvent.EventId);
            case SessionUpdateEvent { Session: { } update }:
                var configured = await _grain.ConfigureAsync(SessionMapping.ToSettings(update)).ConfigureAwait(false);
                return configured.Accepted
                    ? null
                    : ProtocolErrors.Create(configured.Code ?? "invalid_value", configured.Message ?? "The session update was refused.", param: "session.tools", eventId: clientEvent.EventId);
            case ConversationItemCreateEvent { PreviousItemId: null, Item: { Id: null, Type: ItemTypes.Message, Role: "user", Content: [{ Type: ContentPartTypes.InputText, Text: { } text }] } }:
                await _grain.SendTextAsync(text).ConfigureAwait(false);
                return null;
            case ConversationItemDeleteEvent or ConversationItemRetrieveEvent or ConversationItemCreateEvent:
                // Applied by the session to its upstream and, through the upstream's answer, to the persisted conversation,
                // so a resume agrees with what the client did.
                return await ForwardAsync(clientEvent).ConfigureAwait(false);
            default:
                return ProtocolErrors.Create("unsupported_event",
                    $"The event '{clientEvent.Type}' is not supported by this gateway (tools and the conversation are managed by the server).",
                    eventId: clientEvent.EventId);
        }
    }

    private async ValueTask<ProtocolError?> ForwardAsync(ClientEvent clientEvent)
    {
        if (RealtimeProtocol.ToUtf8Bytes(clientEvent, ProtocolDialect.GA) is not { } json)
        {
            return ProtocolErrors.Create("invalid_event", $"The event '{clientEvent.Type}' could not be forwarded.", eventId: clientEvent.EventId);
        }

        var result = await _grain.ForwardClientEventAsync(json).ConfigureAwait(false);
        return result.Accepted ? null : ProtocolErrors.Create(result.Code ?? "invalid_event", result.Message ?? $"The event '{clientEvent.Type}' was refused.", eventId: clientEvent.EventId);
    }

    public async ValueTask ReportPlaybackAsync(string itemId, int playedMs) => await _grain.ReportPlaybackAsync(itemId, playedMs).ConfigureAwait(false);

    public async ValueTask InterruptAsync(int? playedMs) => await _grain.InterruptAsync(playedMs).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        GatewayTelemetry.ClientDetached();

        await _stop.CancelAsync().ConfigureAwait(false);
        await _keepAlive.ConfigureAwait(false);
        _stop.Dispose();
        try
        {
            await _grain.DetachAsync(_reference).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The grain's silo is gone: there is nothing to detach from.
        }
        finally
        {
            _grains.DeleteObjectReference<IRealtimeSessionObserver>(_reference);
        }
    }

    private async Task KeepAttachedAsync(TimeSpan interval, TimeProvider time, CancellationToken stop)
    {
        long? failingSince = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
                if (!await _grain.KeepAttachedAsync(_reference).WaitAsync(UnreachableLimit, stop).ConfigureAwait(false))
                {
                    Observer.OnMoved("The server that held the session was lost; reconnect to resume it.");
                    return;
                }

                failingSince = null;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure of the keep-alive (silo dead, activation refused) is retried until the limit.
            catch (Exception)
#pragma warning restore CA1031
            {
                failingSince ??= time.GetTimestamp();
                if (time.GetElapsedTime(failingSince.Value) >= UnreachableLimit)
                {
                    Observer.OnMoved("The session cannot be reached; reconnect to resume it.");
                    return;
                }
            }
        }
    }
}
