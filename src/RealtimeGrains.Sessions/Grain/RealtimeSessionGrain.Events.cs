using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>Server events: conversation tracking, persistence at item boundaries, forwarding to observers, barge-in.</summary>
internal sealed partial class RealtimeSessionGrain
{
    private readonly HashSet<string> _truncatedIds = new(StringComparer.Ordinal);

    private async Task HandleUpstreamEventAsync(UpstreamConnection connection, UpstreamEvent upstreamEvent)
    {
        var serverEvent = upstreamEvent.Event;
        try
        {
            if (connection != _upstream)
            {
                return;
            }

            var outputFormat = OutputFormat;
            RecordOutput(serverEvent);
            _responses?.OnServerEvent(serverEvent, outputFormat);
            var boundary = _tracker.Apply(serverEvent, outputFormat);
            WatchForStall(connection);
            TrackClientCalls(serverEvent);
            var forward = ShouldForward(serverEvent);
            switch (serverEvent)
            {
                case InputAudioBufferCommittedEvent or InputAudioBufferClearedEvent:
                    ForgetUncommittedAudio();
                    break;
                case InputAudioBufferSpeechStartedEvent:
                    _speechActive = true;
                    break;
                case ConversationItemTruncatedEvent truncated when truncated.ItemId is { } truncatedId:
                    // Ask for the item as the service now holds it: its transcript is cut to what was heard.
                    await connection.SendAsync(new ConversationItemRetrieveEvent { EventId = ProtocolIds.NewEventId(), ItemId = truncatedId });
                    break;
                case ErrorEvent { Error.Code: ProtocolErrorCodes.SessionExpired }:
                    forward = false;
                    break;
                case SessionCreatedEvent { Session.ExpiresAt: { } expiresAt }:
                    ScheduleRolloverBefore(DateTimeOffset.FromUnixTimeSeconds(expiresAt));
                    break;
                case SessionUpdatedEvent { Session: { } updated } when InCall:
                    await KeepServerToolsAsync(connection, updated);
                    break;
            }

            if (forward)
            {
                var json = serverEvent is SessionUpdatedEvent or SessionCreatedEvent ? WithoutServerTools(serverEvent, upstreamEvent.GaJson) : upstreamEvent.GaJson;
                await NotifyAsync(new SessionEvent(SessionEventKind.ServerEvent, serverEvent.Type) { Json = json });
            }

            if (boundary)
            {
                PersistSoon();
            }

            switch (serverEvent)
            {
                case InputAudioBufferSpeechStartedEvent:
                    await BargeInAsync(cancelResponse: false, clientPlayedMs: null);
                    break;
                case ResponseCreatedEvent or ErrorEvent:
                    await TrackResponsesAsync(serverEvent);
                    break;
                case ResponseDoneEvent done when done.Response is { } response:
                    await TrackResponsesAsync(serverEvent);
                    StartTools(response);
                    if (_standby is { } ready && _tracker.ActiveResponseId is null)
                    {
                        await SwitchToAsync(ready, UpstreamChange.Rollover);
                    }
                    else if (_rolloverAfterResponse && _tracker.ActiveResponseId is null)
                    {
                        BeginReplace(UpstreamChange.Rollover);
                    }

                    break;
            }
        }
        finally
        {
            (serverEvent as IDisposable)?.Dispose();
        }
    }

    /// <summary>Hides replayed items, the session handshake of later upstream sessions, retrieves, and (by default) tool traffic.</summary>
    private bool ShouldForward(ServerEvent serverEvent)
    {
        var showTools = State.Settings.ForwardToolEvents == true;
        switch (serverEvent)
        {
            case SessionCreatedEvent:
                return _generation <= 1;
            case SessionUpdatedEvent when _primingUpdates > 0:
                // The echo of the grain's own priming update (configuration it re-sends to a new upstream session).
                _primingUpdates--;
                return false;
            case SessionUpdatedEvent:
                return true;
            case ConversationItemRetrievedEvent retrieved:
                return _clientRetrieves.Remove(retrieved.Item?.Id ?? string.Empty);
            case ConversationItemAddedEvent { Item.Id: { } id } when _replayedIds.Contains(id):
                return false;
            case ConversationItemDoneEvent { Item.Id: { } id } when _replayedIds.Contains(id):
                _replayedIds.Remove(id);
                return false;
            case ResponseFunctionCallArgumentsDeltaEvent or ResponseFunctionCallArgumentsDoneEvent:
                return showTools || IsClientCallEvent(serverEvent);
            case ConversationItemAddedEvent added:
                return showTools || !IsServerToolItem(added.Item);
            case ConversationItemDoneEvent done:
                return showTools || !IsServerToolItem(done.Item);
            case ResponseOutputItemAddedEvent outputAdded:
                return showTools || !IsServerToolItem(outputAdded.Item);
            case ResponseOutputItemDoneEvent outputDone:
                return showTools || !IsServerToolItem(outputDone.Item);
            default:
                return true;
        }
    }


    /// <summary>
    /// Interrupts the assistant if it is speaking (a response is streaming, or the client has not played all the
    /// audio received): observers flush, and the item is truncated at what was played.
    /// </summary>
    private async Task<int?> BargeInAsync(bool cancelResponse, int? clientPlayedMs)
    {
        if (InCall)
        {
            // WebRTC: the service owns the output buffer; it clears and truncates itself (output_audio_buffer.cleared).
            if (cancelResponse && _tracker.ActiveResponseId is not null)
            {
                await SendUpstreamAsync(new ResponseCancelEvent { EventId = ProtocolIds.NewEventId() });
                await SendUpstreamAsync(new OutputAudioBufferClearEvent { EventId = ProtocolIds.NewEventId() });
            }

            return null;
        }

        if (_tracker.LastAudioItemId is not { } itemId || _truncatedIds.Contains(itemId))
        {
            return null;
        }

        var receivedMs = OutputFormat.BytesToWholeMilliseconds(_tracker.ReceivedAudioBytes(itemId));
        var played = clientPlayedMs ?? (_playedMs.TryGetValue(itemId, out var reported) ? reported : (int?)null);
        if (_tracker.ActiveResponseId is null && (played is null || played >= receivedMs))
        {
            return null;
        }

        if (cancelResponse && _tracker.ActiveResponseId is not null)
        {
            await SendUpstreamAsync(new ResponseCancelEvent { EventId = ProtocolIds.NewEventId() });
        }

        return await TruncateItemAsync(itemId, played ?? (int)receivedMs);
    }

    /// <summary>Flushes observers and sends <c>conversation.item.truncate</c> at min(played, received).</summary>
    private async Task<int?> TruncateItemAsync(string itemId, int playedMs)
    {
        var received = _tracker.ReceivedAudioBytes(itemId);
        if (received == 0)
        {
            return null;
        }

        var audioEndMs = (int)OutputFormat.ClampTruncation(playedMs, received);
        _truncatedIds.Add(itemId);
        LogBargeIn(_logger, _sessionId, itemId, playedMs, audioEndMs);
        await NotifyAsync(new SessionEvent(SessionEventKind.Flush, "output_audio.flush") { ItemId = itemId, AudioEndMs = audioEndMs });
        await SendUpstreamAsync(new ConversationItemTruncateEvent { EventId = ProtocolIds.NewEventId(), ItemId = itemId, ContentIndex = 0, AudioEndMs = audioEndMs });
        return audioEndMs;
    }
}
