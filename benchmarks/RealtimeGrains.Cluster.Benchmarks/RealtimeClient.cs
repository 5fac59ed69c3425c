using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// A client of the gateway's Realtime endpoint built for hundreds of concurrent sessions: one receive loop per socket
/// stamps every server event on arrival and appends it to a log; any number of waiters look for an event from a given
/// position of the log with a deadline, without consuming it. Sends are serialised by one lock. Of the audio deltas only
/// the first of each response is kept (the waiters look for first audio), the rest are counted.
/// </summary>
internal sealed class RealtimeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Lock _gate = new();
    private readonly List<ClientEvent> _events = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _lastAudioResponse;
    private Task _receive = Task.CompletedTask;
    private long _audioDeltas;
    private int _disposed;

    private RealtimeClient(ClientWebSocket socket, string silo)
    {
        _socket = socket;
        Silo = silo;
    }

    /// <summary>The name of the silo the socket is connected to.</summary>
    public string Silo { get; }

    /// <summary>When the socket closed or broke, on <see cref="BenchmarkClock"/>; null while it is open.</summary>
    public TimeSpan? ClosedAt { get; private set; }

    /// <summary>How it ended (close status and description, or the exception), for reports.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Completes when the receive loop has ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The number of events logged so far: the position a later wait starts from.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Every audio delta received, the unkept ones included.</summary>
    public long AudioDeltas => Interlocked.Read(ref _audioDeltas);

    /// <summary>Opens the Realtime socket on <paramref name="silo"/> with client token <paramref name="token"/> and starts receiving.</summary>
    public static async Task<RealtimeClient> ConnectAsync(HostProcess silo, string token, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await socket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw new ConnectFailedException(status > 0 ? status : null, $"Connecting to {silo.Name} failed: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new RealtimeClient(socket, silo.Name);
        client._receive = client.ReceiveLoopAsync();
        return client;
    }

    /// <summary>Sends one JSON event; a send that does not finish by <paramref name="deadline"/> aborts the socket.</summary>
    public async Task SendAsync(string json, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        await _sendLock.WaitAsync(timeout.Token);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ConnectionLostException($"Sending on {Silo} failed ({ClosedReasonOr(ex.Message)}).", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends <c>conversation.item.create</c> with one user <c>input_text</c>, then <c>response.create</c>.</summary>
    public async Task SendTurnAsync(string text, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        await SendAsync(
            $$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":{{{JsonSerializer.Serialize(text)}}}}]}}""",
            deadline,
            cancellationToken);
        await SendAsync("""{"type":"response.create"}""", deadline, cancellationToken);
    }

    /// <summary>
    /// The first event at or after position <paramref name="from"/> that <paramref name="match"/> accepts, and its position.
    /// Throws <see cref="TimeoutException"/> after <paramref name="deadline"/>, <see cref="ConnectionLostException"/> when
    /// the socket ends first; both name <paramref name="what"/>.
    /// </summary>
    public async Task<(ClientEvent Event, int Index)> WaitForAsync(int from, Func<ClientEvent, bool> match, string what, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var until = BenchmarkClock.Now + deadline;
        var next = from;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (; next < _events.Count; next++)
                {
                    if (match(_events[next]))
                    {
                        return (_events[next], next);
                    }
                }

                if (ClosedAt is not null)
                {
                    throw new ConnectionLostException($"The socket on {Silo} ended before {what} ({CloseReason}).");
                }

                changed = _changed.Task;
            }

            var left = until - BenchmarkClock.Now;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {what} on {Silo} within {deadline.TotalSeconds:0.#} s.");
            }

            try
            {
                await changed.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Checked once more at the top, then reported with what was awaited.
            }
        }
    }

    /// <summary>The events logged between positions <paramref name="from"/> (inclusive) and <paramref name="to"/> (exclusive).</summary>
    public IReadOnlyList<ClientEvent> Events(int from, int to)
    {
        lock (_gate)
        {
            to = Math.Min(to, _events.Count);
            return from >= to ? [] : _events.GetRange(from, to - from);
        }
    }

    /// <summary>Ends the socket at once (no close handshake).</summary>
    public void Abort() => _socket.Abort();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "benchmark done", timeout.Token);
                await _receive.WaitAsync(TimeSpan.FromSeconds(2));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or TimeoutException)
        {
            // The server is gone or did not answer the close: nothing more to do than drop the socket.
        }

        await _stop.CancelAsync();
        _socket.Abort();
        await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private string ClosedReasonOr(string fallback) => CloseReason ?? fallback;

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        string reason;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = $"closed by the server: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    break;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (result.EndOfMessage)
                {
                    Append(ClientEvent.Parse(message.WrittenSpan, BenchmarkClock.Now));
                    message.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            reason = $"{ex.GetType().Name}: {ex.Message}";
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            ClosedAt = BenchmarkClock.Now;
            CloseReason = reason;
            changed = _changed;
        }

        changed.TrySetResult();
        _closed.TrySetResult();
    }

    private void Append(ClientEvent evt)
    {
        if (evt.Type == ClientEvent.AudioDelta)
        {
            Interlocked.Increment(ref _audioDeltas);
            if (evt.ResponseId == _lastAudioResponse && evt.ResponseId is not null)
            {
                return;
            }

            _lastAudioResponse = evt.ResponseId;
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(evt);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
