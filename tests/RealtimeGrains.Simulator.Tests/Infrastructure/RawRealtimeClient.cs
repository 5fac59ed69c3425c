using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealtimeGrains.Simulator.Tests.Infrastructure;

/// <summary>A plain ClientWebSocket speaking JSON events, for dialect and error tests.</summary>
public sealed class RawRealtimeClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly List<JsonObject> _received = [];

    private RawRealtimeClient(ClientWebSocket socket) => _socket = socket;

    public ClientWebSocket Socket => _socket;

    /// <summary>Every server event received so far, in order.</summary>
    public IReadOnlyList<JsonObject> Received => _received;

    public static async Task<RawRealtimeClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Deadline);
        return new RawRealtimeClient(socket);
    }

    /// <summary>Connects with the Azure preview URL and an api-key header.</summary>
    public static Task<RawRealtimeClient> ConnectAzurePreviewAsync(SimulatorServer server, string deployment = SimulatorServer.Model) =>
        ConnectAsync(
            server.WebSocketUri($"/openai/realtime?api-version=2025-04-01-preview&deployment={deployment}"),
            o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));

    /// <summary>Connects like <see cref="ConnectAzurePreviewAsync"/>, naming the product session and silo the way the session grain does.</summary>
    public static Task<RawRealtimeClient> ConnectForSessionAsync(SimulatorServer server, string session, string silo) =>
        ConnectAsync(
            server.WebSocketUri($"/openai/realtime?api-version=2025-04-01-preview&deployment={SimulatorServer.Model}"),
            o =>
            {
                o.SetRequestHeader("api-key", SimulatorServer.ApiKey);
                o.SetRequestHeader(SimulatorConnectionHeaders.Session, session);
                o.SetRequestHeader(SimulatorConnectionHeaders.Silo, silo);
            });

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Deadline);

    public Task SendAsync(JsonObject json) => SendAsync(json.ToJsonString());

    /// <summary>Receives the next event; null when the server closed.</summary>
    public async Task<JsonObject?> ReceiveAsync(TimeSpan? deadline = null)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(deadline ?? Deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                _received.Add(node);
                return node;
            }
        }
    }

    /// <summary>Receives until an event of <paramref name="type"/> arrives and returns it.</summary>
    public async Task<JsonObject> ReceiveUntilAsync(string type, TimeSpan? deadline = null)
    {
        using var cts = new CancellationTokenSource(deadline ?? Deadline);
        while (true)
        {
            var next = await ReceiveAsync(deadline).WaitAsync(cts.Token)
                ?? throw new InvalidOperationException($"Socket closed while waiting for {type}; got: {string.Join(", ", _received.Select(e => (string?)e["type"]))}");
            if ((string?)next["type"] == type)
            {
                return next;
            }
        }
    }

    /// <summary>Receives events up to and including one of <paramref name="type"/>, returning all of them.</summary>
    public async Task<List<JsonObject>> ReceiveThroughAsync(string type)
    {
        var start = _received.Count;
        await ReceiveUntilAsync(type);
        return _received.Skip(start).ToList();
    }

    public static string TypeOf(JsonObject e) => (string)e["type"]!;

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException)
            {
            }
        }

        _socket.Dispose();
    }
}
