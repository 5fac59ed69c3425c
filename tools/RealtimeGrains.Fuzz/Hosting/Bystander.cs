using System.Text.Json;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Hosting;

/// <summary>A well-behaved client on its own session: one text turn over the Realtime endpoint, checked end to end.</summary>
internal static class Bystander
{
    /// <summary>Runs one text turn; returns null when it completed without any <c>error</c> event, else what went wrong.</summary>
    public static async Task<string?> TextTurnAsync(FuzzGateway gateway, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var socket = await RealtimeSocket.ConnectAsync(gateway, ProtocolDialect.GA, cancellationToken).ConfigureAwait(false);
            var errors = new List<string>();
            void Seen(JsonElement e)
            {
                if (RealtimeSocket.TypeOf(e) == "error")
                {
                    errors.Add(e.GetRawText());
                }
            }

            await socket.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "session.created", "session.created", Seen, cancellationToken).ConfigureAwait(false);
            await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello from the bystander"}]}}""", cancellationToken).ConfigureAwait(false);
            await socket.SendAsync("""{"type":"response.create","response":{"output_modalities":["text"]}}""", cancellationToken).ConfigureAwait(false);
            var done = await socket.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "response.done", "response.done", Seen, cancellationToken).ConfigureAwait(false);
            var status = done.GetProperty("response").GetProperty("status").GetString();
            return status != "completed" ? $"the bystander's response ended {status}: {done.GetRawText()}"
                : errors.Count > 0 ? "the bystander got an error: " + errors[0]
                : null;
        }
        catch (Exception ex) when (ex is TimeoutException or System.Net.WebSockets.WebSocketException or HttpRequestException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return $"the bystander's turn failed: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
