using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RealtimeGrains.TestKit.Cluster;

/// <summary>
/// A raw WebSocket client of the host's Realtime-compatible endpoint (GA path), reading JSON events with deadlines
/// (adapted from the gateway tests' <c>RawRealtimeSocket</c>).
/// </summary>
public sealed class RealtimeSocket : IAsyncDisposable
{
    public const string GaPath = "/openai/v1/realtime?model=gpt-realtime";

    private readonly ClientWebSocket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];

    private RealtimeSocket(ClientWebSocket socket) => _socket = socket;

    public static async Task<RealtimeSocket> ConnectAsync(Uri uri, string bearer, TimeSpan deadline)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        try
        {
            using var cts = new CancellationTokenSource(deadline);
            await socket.ConnectAsync(uri, cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RealtimeSocket(socket);
    }

    /// <summary>The close code the server sent, once it closed the socket.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>
    /// Reads until the server closes the socket (answering its close); returns everything seen. Fails after
    /// <paramref name="deadline"/>. Drops and resets count as closed too (<see cref="CloseStatus"/> is then null).
    /// </summary>
    public async Task<List<JsonElement>> WaitForCloseAsync(TimeSpan deadline)
    {
        var seen = new List<JsonElement>();
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            JsonElement? next;
            try
            {
                next = await ReceiveAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The socket was not closed within {deadline.TotalSeconds:0} s (saw {Describe(seen)}).");
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                return seen;
            }

            if (next is null)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, close.Token);
                }

                return seen;
            }

            seen.Add(next.Value);
        }
    }

    public static string TypeOf(JsonElement evt) => evt.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";

    /// <summary>The text of a message item's first content part (<c>text</c> or, for audio, <c>transcript</c>).</summary>
    public static string? TextOf(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var part in content.EnumerateArray())
        {
            foreach (var name in new[] { "text", "transcript" })
            {
                if (part.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }

        return null;
    }

    public Task SendAsync(string json, TimeSpan deadline)
    {
        var cts = new CancellationTokenSource(deadline);
        return SendCoreAsync(Encoding.UTF8.GetBytes(json), cts);
    }

    /// <summary>Sends <c>conversation.item.create</c> with one user <c>input_text</c>.</summary>
    public Task SendUserTextAsync(string text, TimeSpan deadline) =>
        SendAsync($$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":{{{JsonSerializer.Serialize(text)}}}}]}}""", deadline);

    /// <summary>Reads events until <paramref name="match"/> holds for one; returns it and everything seen up to it. Fails on an <c>error</c> event unless <paramref name="allowErrors"/>.</summary>
    public async Task<(JsonElement Match, List<JsonElement> Seen)> WaitForAsync(Func<JsonElement, bool> match, string what, TimeSpan deadline, bool allowErrors = false)
    {
        var seen = new List<JsonElement>();
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            JsonElement? next;
            try
            {
                next = await ReceiveAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {deadline.TotalSeconds:0} s waiting for {what} (saw {Describe(seen)}).");
            }

            var evt = next ?? throw new InvalidOperationException($"The socket closed before {what} (saw {Describe(seen)}).");
            seen.Add(evt);
            if (!allowErrors && TypeOf(evt) == "error")
            {
                throw new InvalidOperationException($"The server sent an error while waiting for {what}: {evt}");
            }

            if (match(evt))
            {
                return (evt, seen);
            }
        }
    }

    public Task<(JsonElement Match, List<JsonElement> Seen)> WaitForTypeAsync(string type, TimeSpan deadline) =>
        WaitForAsync(e => TypeOf(e) == type, $"'{type}'", deadline);

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
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The host is gone or closed first: nothing to close.
        }

        _socket.Dispose();
    }

    private static string Describe(List<JsonElement> seen) => seen.Count == 0 ? "nothing" : string.Join(",", seen.Select(TypeOf));

    private async Task SendCoreAsync(byte[] bytes, CancellationTokenSource cts)
    {
        using (cts)
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cts.Token);
        }
    }

    /// <summary>The next event, or null when the server closed the socket.</summary>
    private async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }
}
