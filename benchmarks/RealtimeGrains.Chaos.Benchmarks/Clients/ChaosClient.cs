using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// One client socket on the host's Realtime endpoint (GA path): one receive loop puts every server event on a channel that
/// the session's driver reads in order, each read with a deadline. Audio deltas are recognised without parsing and only
/// counted. Sends are serialised by one lock. The channel completes when the socket closes or breaks.
/// </summary>
internal sealed class ChaosClient : IAsyncDisposable
{
    private static readonly byte[] AudioDeltaType = Encoding.UTF8.GetBytes("\"response.output_audio.delta\"");
    private readonly ClientWebSocket _socket;
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly RunClock _clock;
    private Task _receive = Task.CompletedTask;

    private ChaosClient(ClientWebSocket socket, RunClock clock)
    {
        _socket = socket;
        _clock = clock;
    }

    /// <summary>Audio deltas received.</summary>
    public long AudioDeltas { get; private set; }

    /// <summary>The close status the server sent, once it closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<ChaosClient> ConnectAsync(HostProcess host, string token, RunClock clock, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await socket.ConnectAsync(host.WebSocketUri(RealtimeSocket.GaPath), timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new ChaosClient(socket, clock);
        client._receive = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>The next event, or null once the socket has closed; throws <see cref="TimeoutException"/> after <paramref name="deadline"/>.</summary>
    public async Task<ServerEvent?> NextAsync(TimeSpan deadline, string waitingFor, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            return await _events.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false) && _events.Reader.TryRead(out var next) ? next : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No event within {deadline.TotalSeconds:0} s while waiting for {waitingFor}.");
        }
    }

    /// <summary>Sends one client event; false when the socket is no longer open.</summary>
    public async Task<bool> SendAsync(string json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_socket.State != WebSocketState.Open)
            {
                return false;
            }

            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token).ConfigureAwait(false);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, close.Token).ConfigureAwait(false);
                    }

                    return;
                }

                var frame = buffer.WrittenSpan;
                var head = frame[..Math.Min(frame.Length, 96)];
                if (head.IndexOf(AudioDeltaType) >= 0)
                {
                    AudioDeltas++;
                    _events.Writer.TryWrite(new ServerEvent("response.output_audio.delta", null, _clock.Elapsed));
                    continue;
                }

                using var document = JsonDocument.Parse(buffer.WrittenMemory);
                var root = document.RootElement.Clone();
                var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                _events.Writer.TryWrite(new ServerEvent(type, root, _clock.Elapsed));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            // The socket broke or closed: the channel's end tells the driver.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Closes normally (bounded: the server's close frame ends the receive loop), then stops the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token).ConfigureAwait(false);
                await _receive.WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // Best effort: the loop is stopped below.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _receive.ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
