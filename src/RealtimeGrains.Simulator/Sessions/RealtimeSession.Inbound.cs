using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Client events: parse with the protocol library, record, and dispatch under the session gate.</summary>
internal sealed partial class RealtimeSession
{
    private async ValueTask OnMessageAsync(ReadOnlyMemory<byte> message)
    {
        if (_record is not null)
        {
            _record.AddReceived(System.Text.Encoding.UTF8.GetString(message.Span));
        }

        await _gate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            if (_expired)
            {
                return;
            }

            Dispatch(message.Span);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // No exception escapes the socket loop: the client gets a server_error and the session goes on.
            LogDispatchFailed(_logger, _sessionId, ex);
            EmitError(ProtocolErrors.Create(null, "The server had an error while processing your request.", type: ProtocolErrorCodes.ServerError));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask OnInvalidMessageAsync(string reason)
    {
        await _gate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.InvalidEvent, reason));
        }
        finally
        {
            _gate.Release();
        }
    }

    private void DispatchParsed(ClientEvent clientEvent)
    {
        var eventId = clientEvent.EventId;
        switch (clientEvent)
        {
            case SessionUpdateEvent update:
                HandleSessionUpdate(update.Session!, eventId);
                break;
            case InputAudioBufferCommitEvent:
                HandleCommit(eventId);
                break;
            case InputAudioBufferClearEvent:
                HandleClear();
                break;
            case ConversationItemCreateEvent create:
                HandleItemCreate(create.Item!, create.PreviousItemId, eventId);
                break;
            case ConversationItemRetrieveEvent retrieve:
                HandleItemRetrieve(retrieve.ItemId!, eventId);
                break;
            case ConversationItemDeleteEvent delete:
                HandleItemDelete(delete.ItemId!, eventId);
                break;
            case ConversationItemTruncateEvent truncate:
                HandleItemTruncate(truncate.ItemId!, truncate.ContentIndex ?? 0, truncate.AudioEndMs ?? 0, eventId);
                break;
            case ResponseCreateEvent create:
                HandleResponseCreate(create.Response, eventId);
                break;
            case ResponseCancelEvent cancel:
                HandleResponseCancel(cancel.ResponseId, eventId);
                break;
            case SessionCloseEvent:
                _expired = true;
                _socket.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "Session closed by client");
                break;
            case UnknownClientEvent unknown:
                EmitError(ProtocolErrors.UnknownEventType(unknown.WireType, _dialect, eventId));
                break;
            default:
                // Known to the protocol but meaningless on a WebSocket session (e.g. output_audio_buffer.clear).
                EmitError(ProtocolErrors.InvalidValue("type", $"The event type '{clientEvent.Type}' is not supported on a WebSocket session.", eventId));
                break;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Session {SessionId} answered a client event with error {Code}: {Message}")]
    private static partial void LogClientError(ILogger logger, string sessionId, string? code, string? message);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Session {SessionId} failed while generating response {ResponseId}")]
    private static partial void LogResponseFailed(ILogger logger, string sessionId, string responseId, Exception exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Session {SessionId} failed to process a client event")]
    private static partial void LogDispatchFailed(ILogger logger, string sessionId, Exception exception);
}
