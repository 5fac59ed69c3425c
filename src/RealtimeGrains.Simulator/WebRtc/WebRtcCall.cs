using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>
/// One WebRTC call: the hub between its simulator session (a normal <see cref="RealtimeSession"/> on an in-memory
/// WebSocket, so every session behaviour is the WebSocket one), the media front (RTP audio and the data channel) and the
/// sidebands. Server events fan out to the data channel (filtered with <c>webrtcfilter=on</c>, queued until it opens) and
/// to every sideband; audio deltas go to the server-owned <see cref="OutputAudioBuffer"/>, played out in real time.
/// Client events from the data channel and the sidebands go to the session, except <c>output_audio_buffer.clear</c>,
/// which the call handles: it stops the playout, says <c>output_audio_buffer.cleared</c> and truncates the assistant
/// item to what was heard, as on a VAD interruption.
/// </summary>
internal sealed partial class WebRtcCall : IFrontCallSink, IDisposable
{
    /// <summary>Event ids of the client events the call itself sends to its session; errors answering them are not relayed.</summary>
    private const string InternalEventPrefix = "event_rtc_";
    private const int MaxQueuedChannelEvents = 1000;
    private const int PreRollMs = 200;
    private static readonly SimulatorFaults NoFaults = new();
    private static readonly long FrameTicks = Stopwatch.Frequency / 50;
    private static readonly byte[] AppendPrefix = "{\"type\":\"input_audio_buffer.append\",\"audio\":\""u8.ToArray();

    private readonly Lock _lock = new();
    private readonly WebRtcFront _front;
    private readonly ILogger _logger;
    private readonly ProtocolDialect _dialect;
    private readonly bool _filter;
    private readonly int _maxMessageBytes;
    private readonly WebSocket _socket;
    private readonly SessionSocket _session;
    private readonly OutputAudioBuffer _output = new(PreRollMs);
    private readonly Queue<byte[]> _channelQueue = new();
    private readonly List<(SessionSocket Socket, CancellationTokenSource Stop)> _sidebands = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _sessionCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<WebRtcCall> _onEnded;
    private byte[] _sessionObject = "{}"u8.ToArray();
    private bool _interruptOnSpeech = true;
    private bool _channelOpen;
    private bool _ended;
    private string? _lastResponseId;
    private string? _lastErrorCode;

    public WebRtcCall(string id, SimulatorCall record, bool filter, WebSocket sessionSocket, int maxMessageBytes, WebRtcFront front, Action<WebRtcCall> onEnded, ILogger logger)
    {
        Id = id;
        Record = record;
        _dialect = record.Beta ? ProtocolDialect.Beta : ProtocolDialect.GA;
        _filter = filter;
        _socket = sessionSocket;
        _maxMessageBytes = maxMessageBytes;
        _session = new SessionSocket(sessionSocket, maxMessageBytes, NoFaults);
        _front = front;
        _onEnded = onEnded;
        _logger = logger;
    }

    public string Id { get; }

    public SimulatorCall Record { get; }

    /// <summary>Completes once the session's <c>session.created</c> has been read.</summary>
    public Task SessionCreated => _sessionCreated.Task;

    /// <summary>Runs the call's loops (session link and playout) until the call has ended.</summary>
    public async Task RunAsync()
    {
        var send = _session.RunSendLoopAsync(_stop.Token);
        var playout = PlayoutAsync(_stop.Token);
        try
        {
            await _session.RunReceiveLoopAsync(OnServerEventAsync, _ => ValueTask.CompletedTask, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _sessionCreated.TrySetException(new InvalidOperationException("The call's session ended before it started."));
            End(_lastErrorCode == ProtocolErrorCodes.SessionExpired ? "the session hit its maximum duration" : "the session ended");
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(send, playout).ConfigureAwait(false);
            _socket.Dispose();
            Dispose();
        }
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>Ends the call once: hangs up the peer connection, closes the sidebands (1000) and the session.</summary>
    public void End(string reason, bool hangUpFront = true)
    {
        List<(SessionSocket Socket, CancellationTokenSource Stop)> sidebands;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            sidebands = [.. _sidebands];
        }

        LogEnded(_logger, Id, Record.SessionId, reason);
        if (hangUpFront)
        {
            _front.Hangup(Id);
        }

        var closeReason = CloseReason($"Call ended: {reason}");
        foreach (var (socket, stop) in sidebands)
        {
            socket.Close(WebSocketCloseStatus.NormalClosure, closeReason);
            stop.CancelAfter(TimeSpan.FromSeconds(2));
        }

        _session.Close(WebSocketCloseStatus.NormalClosure, closeReason);
        try
        {
            // The session closes its side in answer; if it does not, the loops stop anyway.
            _stop.CancelAfter(TimeSpan.FromSeconds(5));
        }
        catch (ObjectDisposedException)
        {
            // The loops have already finished.
        }

        Record.MarkEnded(reason);
        _onEnded(this);
    }

    /// <summary>Serves one sideband WebSocket until it or the call closes.</summary>
    public async Task RunSidebandAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var sideband = new SessionSocket(socket, _maxMessageBytes, NoFaults);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_lock)
        {
            if (_ended)
            {
                sideband.Close(WebSocketCloseStatus.NormalClosure, "Call ended");
            }
            else
            {
                _sidebands.Add((sideband, stop));
                sideband.Send(SessionCreatedFrame());
            }
        }

        Record.SidebandOpened();
        var send = sideband.RunSendLoopAsync(stop.Token);
        try
        {
            await sideband.RunReceiveLoopAsync(
                message =>
                {
                    OnClientEvent(message.ToArray());
                    return ValueTask.CompletedTask;
                },
                reason =>
                {
                    sideband.Send(ErrorFrame(ProtocolErrors.Create(ProtocolErrorCodes.InvalidEvent, reason)));
                    return ValueTask.CompletedTask;
                },
                stop.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _sidebands.RemoveAll(s => ReferenceEquals(s.Socket, sideband));
            }

            sideband.Close(WebSocketCloseStatus.NormalClosure, "Sideband closed");
            stop.CancelAfter(TimeSpan.FromSeconds(2));
            await send.ConfigureAwait(false);
            Record.SidebandClosed();
        }
    }

    public void OnConnected() => Record.MarkConnected();

    public void OnChannelOpen()
    {
        lock (_lock)
        {
            if (_channelOpen)
            {
                return;
            }

            _channelOpen = true;
            while (_channelQueue.TryDequeue(out var queued))
            {
                _front.SendText(Id, queued);
            }
        }

        Record.MarkChannelOpened();
    }

    public void OnChannelText(string text) => OnClientEvent(Encoding.UTF8.GetBytes(text));

    public void OnAudio(string pcmBase64)
    {
        var bytes = (pcmBase64.Length / 4 * 3) - (pcmBase64.EndsWith("==", StringComparison.Ordinal) ? 2 : pcmBase64.EndsWith('=') ? 1 : 0);
        var frame = new byte[AppendPrefix.Length + pcmBase64.Length + 2];
        AppendPrefix.CopyTo(frame, 0);
        Encoding.ASCII.GetBytes(pcmBase64, frame.AsSpan(AppendPrefix.Length));
        "\"}"u8.CopyTo(frame.AsSpan(frame.Length - 2));
        _session.Send(frame);
        Record.AddReceived(bytes / Pcm16.BytesPerMs24k);
    }

    public void OnEnded(string reason) => End(reason, hangUpFront: false);

    /// <summary>A client event from the data channel or a sideband.</summary>
    private void OnClientEvent(byte[] utf8)
    {
        if (PeekType(utf8) == EventNames.OutputAudioBufferClear)
        {
            ClearOutput(requested: true);
            return;
        }

        // Malformed events go to the session too: its error reaches every channel, which stays open.
        _session.Send(utf8);
    }

    private ValueTask OnServerEventAsync(ReadOnlyMemory<byte> message)
    {
        var parsed = RealtimeProtocol.ParseServerEvent(message, _dialect);
        if (!parsed.IsSuccess)
        {
            return ValueTask.CompletedTask;
        }

        var serverEvent = parsed.Event;
        switch (serverEvent)
        {
            case ResponseOutputAudioDeltaEvent delta:
                using (delta)
                {
                    lock (_lock)
                    {
                        _output.Append(delta.ResponseId ?? string.Empty, delta.ItemId ?? string.Empty, delta.Delta.Span);
                    }
                }

                _wake.Writer.TryWrite(true);
                return ValueTask.CompletedTask;
            case SessionCreatedEvent or SessionUpdatedEvent:
                var config = (serverEvent as SessionCreatedEvent)?.Session ?? ((SessionUpdatedEvent)serverEvent).Session;
                lock (_lock)
                {
                    using var document = JsonDocument.Parse(message);
                    _sessionObject = Encoding.UTF8.GetBytes(document.RootElement.GetProperty("session").GetRawText());
                    _interruptOnSpeech = config?.TurnDetection?.InterruptResponse ?? true;
                }

                Forward(message.ToArray(), serverEvent);
                _sessionCreated.TrySetResult();
                return ValueTask.CompletedTask;
            case ErrorEvent { Error: { } error }:
                if (error.EventId?.StartsWith(InternalEventPrefix, StringComparison.Ordinal) == true)
                {
                    return ValueTask.CompletedTask;
                }

                _lastErrorCode = error.Code;
                break;
            case ResponseCreatedEvent created:
                _lastResponseId = created.Response?.Id;
                break;
            case ResponseDoneEvent done when done.Response?.Id is { } responseId:
                string? stopped;
                lock (_lock)
                {
                    stopped = _output.MarkDone(responseId);
                }

                Forward(message.ToArray(), serverEvent);
                if (stopped is not null)
                {
                    Emit(new OutputAudioBufferStoppedEvent { ResponseId = stopped });
                }

                _wake.Writer.TryWrite(true);
                return ValueTask.CompletedTask;
            case InputAudioBufferSpeechStartedEvent:
                Forward(message.ToArray(), serverEvent);
                if (_interruptOnSpeech)
                {
                    ClearOutput(requested: false);
                }

                return ValueTask.CompletedTask;
        }

        Forward(message.ToArray(), serverEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the playout at once and makes the conversation match what was heard.</summary>
    private void ClearOutput(bool requested)
    {
        OutputBufferClear cleared;
        lock (_lock)
        {
            cleared = _output.Clear();
        }

        if (cleared.ResponseId is null && !requested)
        {
            return;
        }

        // A response still being generated would go on adding audio to the item: cancel it before truncating.
        foreach (var responseId in cleared.UnfinishedResponses)
        {
            SendInternal(w => w.WriteString("type", "response.cancel"), w => w.WriteString("response_id", responseId));
        }

        foreach (var (itemId, playedMs) in cleared.Truncations)
        {
            SendInternal(
                w => w.WriteString("type", "conversation.item.truncate"),
                w =>
                {
                    w.WriteString("item_id", itemId);
                    w.WriteNumber("content_index", 0);
                    w.WriteNumber("audio_end_ms", playedMs);
                });
        }

        Record.AddCleared();
        LogCleared(_logger, Id, cleared.ResponseId, requested);
        Emit(new OutputAudioBufferClearedEvent { ResponseId = cleared.ResponseId ?? _lastResponseId });
    }

    private void SendInternal(Action<Utf8JsonWriter> type, Action<Utf8JsonWriter> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            type(writer);
            writer.WriteString("event_id", InternalEventPrefix + ProtocolIds.NewEventId()["event_".Length..]);
            fields(writer);
            writer.WriteEndObject();
        }

        _session.Send(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Sends an event the call itself produces (the output buffer's) like one from the session.</summary>
    private void Emit(ServerEvent serverEvent)
    {
        serverEvent.EventId = ProtocolIds.NewEventId();
        Forward(RealtimeProtocol.ToUtf8Bytes(serverEvent, _dialect)!, serverEvent);
    }

    private void Forward(byte[] utf8, ServerEvent serverEvent)
    {
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            foreach (var (socket, _) in _sidebands)
            {
                socket.Send(utf8);
            }

            if (_filter && !DataChannelFilter.Allows(serverEvent))
            {
                return;
            }

            if (_channelOpen)
            {
                _front.SendText(Id, utf8);
                return;
            }

            _channelQueue.Enqueue(utf8);
            if (_channelQueue.Count > MaxQueuedChannelEvents)
            {
                _channelQueue.Dequeue();
            }
        }
    }

    /// <summary>Plays the output buffer out in real time, one 20 ms frame per tick, while it has audio.</summary>
    private async Task PlayoutAsync(CancellationToken cancellationToken)
    {
        var frame = new byte[OutputAudioBuffer.FrameBytes];
        try
        {
            while (await _wake.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                var start = Stopwatch.GetTimestamp();
                long frames = 0;
                while (true)
                {
                    OutputFrame next;
                    bool idle;
                    lock (_lock)
                    {
                        next = _output.TakeFrame(frame);
                        idle = _output.IsIdle;
                    }

                    if (next.Stopped is { } stopped)
                    {
                        Emit(new OutputAudioBufferStoppedEvent { ResponseId = stopped });
                    }

                    if (next.Started is { } started)
                    {
                        Emit(new OutputAudioBufferStartedEvent { ResponseId = started });
                    }

                    if (next.HasAudio)
                    {
                        _front.SendAudio(Id, frame);
                        Record.AddSent(20);
                        frames++;
                    }
                    else if (idle)
                    {
                        break;
                    }
                    else
                    {
                        // Waiting for more of a response (pre-roll or the session's pacing): restart the clock after it.
                        await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                        start = Stopwatch.GetTimestamp();
                        frames = 0;
                        continue;
                    }

                    var wait = start + (frames * FrameTicks) - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
                    }
                    else if (-wait > 10 * FrameTicks)
                    {
                        // Far behind (a stalled machine): do not burst the backlog, go on from now.
                        start = Stopwatch.GetTimestamp();
                        frames = 0;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended.
        }
    }

    private byte[] SessionCreatedFrame()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(_sessionObject.Length + 96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", EventNames.SessionCreated);
            writer.WriteString("event_id", ProtocolIds.NewEventId());
            writer.WritePropertyName("session");
            writer.WriteRawValue(_sessionObject, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private byte[] ErrorFrame(ProtocolError error) =>
        RealtimeProtocol.ToUtf8Bytes(new ErrorEvent { EventId = ProtocolIds.NewEventId(), Error = error }, _dialect)!;

    private static string? PeekType(byte[] utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>A WebSocket close reason is at most 123 UTF-8 bytes.</summary>
    private static string CloseReason(string reason) => reason.Length <= 120 ? reason : reason[..120];

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Call {CallId} (session {SessionId}) ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string callId, string sessionId, string reason);

    [LoggerMessage(EventId = 71, Level = LogLevel.Debug, Message = "Call {CallId}: output buffer cleared (response {ResponseId}, by the client: {Requested})")]
    private static partial void LogCleared(ILogger logger, string callId, string? responseId, bool requested);
}
