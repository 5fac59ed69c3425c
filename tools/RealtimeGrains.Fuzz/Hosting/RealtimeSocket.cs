using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace RealtimeGrains.Fuzz.Hosting;

/// <summary>A client of the Realtime endpoint: one reader that parks every server event in a channel, one writer.</summary>
internal sealed class RealtimeSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _reader;

    private RealtimeSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = ReadAsync();
    }

    public WebSocketState State => _socket.State;

    /// <summary>Set when the server sent something that is not JSON (the reader stops there).</summary>
    public string? ServerFrameError { get; private set; }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public static string GaPath => "/openai/v1/realtime?model=gpt-4o-realtime-preview";

    public static string BetaPath => "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-4o-realtime-preview";

    public static async Task<RealtimeSocket> ConnectAsync(FuzzGateway gateway, Protocol.ProtocolDialect dialect, CancellationToken cancellationToken = default)
    {
        var token = await gateway.MintAsync(cancellationToken).ConfigureAwait(false);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await socket.ConnectAsync(gateway.WebSocketUri(dialect == Protocol.ProtocolDialect.GA ? GaPath : BetaPath), cancellationToken)
            .WaitAsync(FuzzGateway.Deadline, cancellationToken).ConfigureAwait(false);
        return new RealtimeSocket(socket);
    }

    public Task SendAsync(byte[] frame, CancellationToken cancellationToken = default) => SendAsync(frame, WebSocketMessageType.Text, cancellationToken);

    public Task SendAsync(byte[] frame, WebSocketMessageType type, CancellationToken cancellationToken = default) =>
        _socket.SendAsync(frame, type, endOfMessage: true, cancellationToken).WaitAsync(FuzzGateway.Deadline, cancellationToken);

    public Task SendAsync(string json, CancellationToken cancellationToken = default) => SendAsync(Encoding.UTF8.GetBytes(json), cancellationToken);

    /// <summary>Reads events until one matches; the others go to <paramref name="seen"/>. Throws when the socket closes or the deadline passes first.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what, Action<JsonElement>? seen = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(FuzzGateway.Deadline);
        try
        {
            while (await _events.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
            {
                while (_events.Reader.TryRead(out var evt))
                {
                    if (match(evt))
                    {
                        return evt;
                    }

                    seen?.Invoke(evt);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no {what} within {FuzzGateway.Deadline.TotalSeconds:F0} s");
        }

        throw new WebSocketException($"the server closed the socket ({CloseStatus} {CloseDescription}) before {what}");
    }

    public static string TypeOf(JsonElement evt) =>
        evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "?";

    public static string? ErrorCode(JsonElement evt) =>
        evt.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString() : null;

    public static string? ErrorEventId(JsonElement evt) =>
        evt.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }

        _socket.Abort();
        await _reader.ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(buffer.WrittenMemory);
                    _events.Writer.TryWrite(document.RootElement.Clone());
                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        catch (JsonException ex)
        {
            ServerFrameError = "the server sent a frame that is not JSON: " + ex.Message;
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
