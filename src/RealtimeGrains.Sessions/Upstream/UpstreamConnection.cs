using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// One upstream socket: one send loop fed by a bounded channel (senders wait when it is full) and one
/// receive loop that parses each frame and hands it to the owner. Neither loop runs inside a grain turn;
/// no exception escapes them: a failure aborts the socket and is reported once through the closed callback.
/// </summary>
internal sealed partial class UpstreamConnection : IAsyncDisposable
{
    private static int s_nextId;
    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _sendQueue;
    private readonly string _sessionId;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loops = Task.CompletedTask;
    private int _closedReported;

    public UpstreamConnection(WebSocket socket, ProtocolDialect dialect, int capacity, string sessionId, ILogger logger)
    {
        _socket = socket;
        Dialect = dialect;
        _sessionId = sessionId;
        _logger = logger;
        _sendQueue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>A process-unique number, to tell connections apart in logs and callbacks.</summary>
    public int Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The protocol generation this socket speaks.</summary>
    public ProtocolDialect Dialect { get; }

    /// <summary>Starts the loops (call once). Callbacks run on the thread pool, never concurrently with each other.</summary>
    /// <param name="onEvent">Receives each parsed server event, in order; the next frame is read after it completes.</param>
    /// <param name="onClosed">Called once when the socket ends, with the failure if it was not a clean close.</param>
    public void Start(Func<UpstreamConnection, UpstreamEvent, Task> onEvent, Func<UpstreamConnection, Exception?, Task> onClosed)
    {
        var send = Task.Run(SendLoopAsync);
        var receive = Task.Run(() => ReceiveLoopAsync(onEvent));
        _loops = Task.Run(async () =>
        {
            var failure = await receive.ConfigureAwait(false);
            _sendQueue.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            await send.ConfigureAwait(false);
            if (Interlocked.Exchange(ref _closedReported, 1) == 0)
            {
                try
                {
                    await onClosed(this, failure).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The owner's callback must not crash the loop.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogCallbackFailed(_logger, _sessionId, Id, ex);
                }
            }
        });
    }

    /// <summary>Queues a frame; waits while the queue is full. Returns false when the connection is closed.</summary>
    /// <param name="frame">UTF-8 JSON of one client event.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether the frame was queued.</returns>
    public async ValueTask<bool> SendAsync(byte[] frame, CancellationToken cancellationToken = default)
    {
        try
        {
            await _sendQueue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Serializes and queues a client event in this socket's dialect.</summary>
    /// <param name="clientEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether the event was queued.</returns>
    public ValueTask<bool> SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken = default)
    {
        var bytes = RealtimeProtocol.ToUtf8Bytes(clientEvent, Dialect);
        return bytes is null ? ValueTask.FromResult(false) : SendAsync(bytes, cancellationToken);
    }

    /// <summary>Drops the connection at once, from any thread (a lost lease: no frame may go out after this).</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closedReported, 1);
        _sendQueue.Writer.TryComplete();
        _socket.Abort();
    }

    /// <summary>Closes the socket after the queued frames are sent (bounded by a short deadline) and waits for the loops.</summary>
    /// <returns>A task that completes when both loops have ended.</returns>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _closedReported, 1);
        _sendQueue.Writer.TryComplete();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session closed", deadline.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Closing a socket that is already failing is best effort.
        catch (Exception)
#pragma warning restore CA1031
        {
            _socket.Abort();
        }

        try
        {
            await _loops.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (await _sendQueue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_sendQueue.Reader.TryRead(out var frame))
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // A failed write aborts the connection; the receive loop reports it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendFailed(_logger, _sessionId, Id, ex.Message);
            _socket.Abort();
        }
    }

    private async Task<Exception?> ReceiveLoopAsync(Func<UpstreamConnection, UpstreamEvent, Task> onEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        LogClosedByServer(_logger, _sessionId, Id, _socket.CloseStatus, _socket.CloseStatusDescription);
                        return null;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                var parsed = RealtimeProtocol.ParseServerEvent(buffer.WrittenMemory, Dialect);
                if (!parsed.IsSuccess)
                {
                    LogBadFrame(_logger, _sessionId, Id, parsed.Error.ToString());
                    continue;
                }

                var ga = Dialect == ProtocolDialect.GA
                    ? buffer.WrittenSpan.ToArray()
                    : RealtimeProtocol.ToUtf8Bytes(parsed.Event, ProtocolDialect.GA) ?? buffer.WrittenSpan.ToArray();
                await onEvent(this, new UpstreamEvent(parsed.Event, ga)).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // No exception escapes the socket loop: it becomes the close reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReceiveFailed(_logger, _sessionId, Id, ex.Message);
            _socket.Abort();
            return ex;
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Session {SessionId}: upstream #{ConnectionId} closed by the server ({Status} {Description})")]
    private static partial void LogClosedByServer(ILogger logger, string sessionId, int connectionId, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream #{ConnectionId} receive failed: {Reason}")]
    private static partial void LogReceiveFailed(ILogger logger, string sessionId, int connectionId, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream #{ConnectionId} send failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string sessionId, int connectionId, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream #{ConnectionId} sent a frame that does not parse: {Error}")]
    private static partial void LogBadFrame(ILogger logger, string sessionId, int connectionId, string error);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Session {SessionId}: upstream #{ConnectionId} close handler failed")]
    private static partial void LogCallbackFailed(ILogger logger, string sessionId, int connectionId, Exception exception);
}
