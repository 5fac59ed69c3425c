using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>
/// One client of the Realtime-compatible endpoint: validates every client event with the protocol library (a bad
/// frame earns that client an <c>error</c> event and nothing else), forwards good ones into the session, and writes
/// the session's server events back in the client's dialect through one send loop.
/// </summary>
internal sealed class RealtimeClientConnection(string connectionId, ProtocolDialect dialect, GatewayOptions options, TimeProvider time, RefusalLogBudget refusals, ILogger logger)
    : IRealtimeSessionSink, IDisposable
{
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _abort = new();
    private readonly AudioPacer _audioPacer = new(options, time);
    private string _sessionId = "";
    private long _queuedBytes;
    private int _droppedSlow;
    private bool _disposed;
    private bool _closed;

    public void OnServerEvent(ServerEvent serverEvent)
    {
        if (RealtimeProtocol.ToUtf8Bytes(serverEvent, dialect) is { } bytes)
        {
            Enqueue(bytes);
        }
    }

    /// <summary>GA clients get the session's GA JSON as is: no parse and re-serialization per event.</summary>
    public bool TryForwardGaJson(byte[] gaJson)
    {
        ArgumentNullException.ThrowIfNull(gaJson);
        if (dialect != ProtocolDialect.GA)
        {
            return false;
        }

        Enqueue(gaJson);
        return true;
    }

    private void Enqueue(byte[] bytes)
    {
        // A client that cannot keep up (more than Gateway:MaxClientQueueBytes unread) loses its connection, never the
        // session. Events after the session closed are dropped: aborting then would cancel the connection before its
        // last events (and the close) went out.
        var queued = Interlocked.Add(ref _queuedBytes, bytes.Length);
        if ((queued > options.MaxClientQueueBytes || !_outbound.Writer.TryWrite(bytes)) && !Volatile.Read(ref _closed))
        {
            if (Interlocked.Exchange(ref _droppedSlow, 1) == 0)
            {
                GatewayLog.SlowClientDropped(logger, connectionId, _sessionId, queued);
            }

            Abort();
        }
    }

    /// <summary>Realtime clients learn of barge-in from <c>input_audio_buffer.speech_started</c>, as with the service itself.</summary>
    public void OnFlush(string? itemId, int? audioEndMs)
    {
    }

    public void OnSessionClosed(string reason, bool failed = false)
    {
        if (Volatile.Read(ref _closed))
        {
            return;
        }

        if (failed)
        {
            // 1011: the server cannot serve the session (the upstream refused it); the error event before says why.
            _closeStatus = WebSocketCloseStatus.InternalServerError;
            _closeDescription = "upstream refused";
        }

        OnServerEvent(ErrorEvent.From(ProtocolErrors.Create("session_closed", reason, type: ProtocolErrorCodes.ServerError)));
        Volatile.Write(ref _closed, true);
        _outbound.Writer.TryComplete();
    }

    /// <summary>
    /// The session is being handed over (this server stops) or its server was lost: an <c>error</c> (code
    /// <c>session_moved</c>) says so, then the socket closes with 1012 (service restart). The client reconnects with a token
    /// for the same session and resumes where the conversation was persisted.
    /// </summary>
    public void OnSessionMoved(string reason)
    {
        if (Volatile.Read(ref _closed))
        {
            return;
        }

        _closeStatus = (WebSocketCloseStatus)1012;
        _closeDescription = "session moved; reconnect";
        OnServerEvent(ErrorEvent.From(ProtocolErrors.Create("session_moved", reason, type: ProtocolErrorCodes.ServerError)));
        Volatile.Write(ref _closed, true);
        _outbound.Writer.TryComplete();
    }

    private readonly TaskCompletionSource _receiveEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "session closed";

    public async Task RunAsync(WebSocket socket, IRealtimeSessionAttachment attachment, CancellationToken cancellationToken)
    {
        _sessionId = attachment.SessionId;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        var token = linked.Token;
        var pending = new List<byte[]>();
        foreach (var initial in InitialEvents.For(attachment, dialect))
        {
            if (RealtimeProtocol.ToUtf8Bytes(initial, dialect) is { } bytes)
            {
                pending.Add(bytes);
            }
        }

        var send = SendLoopAsync(socket, pending, token);
        try
        {
            await ReceiveLoopAsync(socket, attachment, token).ConfigureAwait(false);
            _receiveEnded.TrySetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
        }
        catch (Exception ex)
        {
            GatewayLog.ClientFailed(logger, ex, connectionId, _sessionId);
        }

        _outbound.Writer.TryComplete();
        Abort();
        await send.ConfigureAwait(false);
    }

    public void Dispose()
    {
        refusals.Forget(connectionId);
        lock (_abort)
        {
            _disposed = true;
            _abort.Dispose();
        }
    }

    private void Abort()
    {
        lock (_abort)
        {
            if (!_disposed)
            {
                _abort.Cancel();
            }
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, IRealtimeSessionAttachment attachment, CancellationToken cancellationToken)
    {
        var limiter = new ConnectionRateLimiter(options, time);
        var limits = ProtocolLimits.Default with { MaxFrameBytes = options.MaxRealtimeFrameBytes };
        var reader = new WebSocketMessageReader(socket, options.MaxRealtimeFrameBytes);
        while (true)
        {
            var status = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case MessageReadStatus.Closed:
                    return;
                case MessageReadStatus.TooLarge:
                    Reject(ProtocolErrors.Create(ProtocolErrorCodes.EventTooLarge, $"The event exceeds the maximum of {options.MaxRealtimeFrameBytes} bytes."));
                    continue;
                case MessageReadStatus.Binary:
                    Reject(ProtocolErrors.Create(ProtocolErrorCodes.InvalidJson, "Binary frames are not supported; send JSON text."));
                    continue;
            }

            if (!limiter.TryAcquire())
            {
                if (refusals.TryTake(connectionId))
                {
                    GatewayLog.RateLimited(logger, connectionId, _sessionId);
                }

                Reject(ProtocolErrors.Create("rate_limit_exceeded", "Too many events; slow down."));
                continue;
            }

            var parsed = RealtimeProtocol.ParseClientEvent(reader.Message, dialect, limits);
            if (parsed.Event is not { } clientEvent)
            {
                Reject(parsed.Error!);
                continue;
            }

            try
            {
                if (clientEvent is UnknownClientEvent unknown)
                {
                    Reject(ProtocolErrors.UnknownEventType(unknown.WireType, dialect, unknown.EventId));
                    continue;
                }

                if (clientEvent is InputAudioBufferAppendEvent append)
                {
                    // Faster than real time beyond the burst: this connection is not read until its audio is due.
                    await _audioPacer.WaitAsync(append.Audio.Length, cancellationToken).ConfigureAwait(false);
                }

                if (await attachment.SendAsync(clientEvent, cancellationToken).ConfigureAwait(false) is { } rejected)
                {
                    Reject(rejected);
                }
            }
            finally
            {
                (clientEvent as IDisposable)?.Dispose();
            }
        }
    }

    private void Reject(ProtocolError error)
    {
        GatewayLog.BadClientEvent(logger, connectionId, _sessionId, error.Code);
        OnServerEvent(ErrorEvent.From(error));
    }

    private async Task SendLoopAsync(WebSocket socket, List<byte[]> initial, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var bytes in initial)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }

            await foreach (var bytes in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                Interlocked.Add(ref _queuedBytes, -bytes.Length);
            }

            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
                await socket.CloseOutputAsync(_closeStatus, _closeDescription, timeout.Token).ConfigureAwait(false);

                // Let the client read what was sent and answer the close: aborting at once resets the TCP connection,
                // and a reset can discard the last events (the error that says why) before the client has read them.
                await _receiveEnded.Task.WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or TimeoutException)
        {
        }

        // The receive loop waits on the socket: abort it so a closed session ends the connection.
        Abort();
    }
}
