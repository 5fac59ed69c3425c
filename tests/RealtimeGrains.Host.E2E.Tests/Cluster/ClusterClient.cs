using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Host.E2E.Tests.Cluster;

/// <summary>What the cluster tests do as an application would: mint on one silo, connect on another, resume after a failure.</summary>
internal static class ClusterClient
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Mints a token for <paramref name="sessionId"/> on <paramref name="silo"/> and opens the Realtime socket there; waits for <c>session.created</c>.</summary>
    public static async Task<RealtimeSocket> ConnectAsync(HostProcess silo, string sessionId)
    {
        var (token, _) = await silo.MintAsync(sessionId);
        var socket = await RealtimeSocket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), token, Step);
        var (created, _) = await socket.WaitForTypeAsync("session.created", Step);
        Assert.Equal(sessionId, created.GetProperty("session").GetProperty("id").GetString());
        return socket;
    }

    /// <summary>
    /// Resumes <paramref name="sessionId"/> on <paramref name="silo"/> as a client would after its socket dropped: a fresh token
    /// each try (a refused try spends it), until the attach succeeds or <paramref name="deadline"/> passes.
    /// </summary>
    public static async Task<(RealtimeSocket Socket, List<JsonElement> Replayed, TimeSpan Took)> ResumeAsync(HostProcess silo, string sessionId, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < deadline)
        {
            RealtimeSocket? socket = null;
            try
            {
                var (token, _) = await silo.MintAsync(sessionId);
                socket = await RealtimeSocket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), token, Step);
                var (_, seen) = await socket.WaitForTypeAsync("session.created", Step);

                // The conversation so far follows session.created as conversation.item.created/done events; a marker turn ends it.
                return (socket, seen, clock.Elapsed);
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or HttpRequestException or TimeoutException)
            {
                last = ex;
                if (socket is not null)
                {
                    await socket.DisposeAsync();
                }

                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"Session {sessionId} could not be resumed on {silo.Name} within {deadline.TotalSeconds:0} s; last failure: {last?.Message}");
    }

    /// <summary>Sends <paramref name="text"/>, asks for a response and waits for its <c>response.done</c>; returns the reply text and every event seen.</summary>
    public static async Task<(string Reply, List<JsonElement> Seen)> TurnAsync(RealtimeSocket socket, string text)
    {
        await socket.SendUserTextAsync(text, Step);
        await socket.SendAsync("""{"type":"response.create"}""", Step);
        // A tool turn is two responses (the call, answered on the server, then the reply): wait for the one with text.
        var (done, seen) = await socket.WaitForAsync(
            e => RealtimeSocket.TypeOf(e) == "response.done" && e.GetProperty("response").GetProperty("output").EnumerateArray().Any(o => RealtimeSocket.TextOf(o) is not null),
            $"the reply to \"{text}\"",
            Step);
        var response = done.GetProperty("response");
        Assert.Equal("completed", response.GetProperty("status").GetString());
        var reply = response.GetProperty("output").EnumerateArray().Select(RealtimeSocket.TextOf).FirstOrDefault(t => t is not null);
        Assert.False(string.IsNullOrEmpty(reply), $"response.done carries no reply text: {done}");
        return (reply!, seen);
    }

    /// <summary>The texts of the message items in <paramref name="events"/> that completed (<c>conversation.item.done</c>).</summary>
    public static List<string> DoneTexts(IEnumerable<JsonElement> events) =>
        [.. events.Where(e => RealtimeSocket.TypeOf(e) == "conversation.item.done" && e.TryGetProperty("item", out _))
            .Select(e => RealtimeSocket.TextOf(e.GetProperty("item")))
            .OfType<string>()];

    /// <summary>Reads until the marker turn's user item comes back: everything replayed on resume is before it.</summary>
    public static async Task<List<string>> ReplayedTextsAsync(RealtimeSocket socket, List<JsonElement> alreadySeen, string marker)
    {
        await socket.SendUserTextAsync(marker, Step);
        var (_, seen) = await socket.WaitForAsync(
            e => RealtimeSocket.TypeOf(e) == "conversation.item.done" && e.TryGetProperty("item", out var item) && RealtimeSocket.TextOf(item) == marker,
            $"the marker item \"{marker}\"",
            Step);
        return [.. DoneTexts([.. alreadySeen, .. seen]).Where(t => t != marker)];
    }
}
