using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RealtimeGrains.Gateway.Tests.Infrastructure;

/// <summary>A raw WebSocket client of the Realtime-compatible endpoint, reading JSON events with deadlines.</summary>
public sealed class RawRealtimeSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private RawRealtimeSocket(ClientWebSocket socket) => _socket = socket;

    public static async Task<RawRealtimeSocket> ConnectAsync(Uri uri, string? bearer = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(GatewayServer.Deadline);
        return new RawRealtimeSocket(socket);
    }

    /// <summary>Attempts a handshake and returns the HTTP status the server answered (101 on success).</summary>
    public static async Task<HttpStatusCode> HandshakeStatusAsync(Uri uri, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(GatewayServer.Deadline);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }

    /// <summary>The close status the server sent, once it closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(GatewayServer.Deadline);

    public Task SendBytesAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(GatewayServer.Deadline);

    /// <summary>Reads events until one of <paramref name="type"/> arrives; returns it and everything seen before it.</summary>
    public Task<(JsonElement Match, List<JsonElement> Seen)> WaitForAsync(string type, TimeSpan? deadline = null) =>
        WaitForAsync(e => TypeOf(e) == type, $"'{type}'", deadline);

    /// <summary>Reads events until one matches <paramref name="match"/>; returns it and everything seen before it.</summary>
    public async Task<(JsonElement Match, List<JsonElement> Seen)> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan? deadline = null)
    {
        var seen = new List<JsonElement>();
        using var cts = new CancellationTokenSource(deadline ?? GatewayServer.Deadline);
        while (true)
        {
            var evt = await ReceiveAsync(cts.Token) ?? throw new InvalidOperationException($"The socket closed before {what} (saw {string.Join(",", seen.Select(TypeOf))}).");
            seen.Add(evt);
            if (match(evt))
            {
                return (evt, seen);
            }
        }
    }

    public static string TypeOf(JsonElement evt) => evt.GetProperty("type").GetString()!;

    /// <summary>The next event, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
    }
}
