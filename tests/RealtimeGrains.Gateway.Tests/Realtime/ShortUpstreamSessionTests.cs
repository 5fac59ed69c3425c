using System.Text.Json;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>
/// The upstream ends its sessions after a few seconds (as Azure does at 30 minutes): a client of the Realtime endpoint
/// holding one session across several upstream lifetimes gets every turn answered once, never an error, never a close,
/// and each switch is a rollover, not a reconnect.
/// </summary>
public sealed class ShortUpstreamSessionTests
{
    [Fact]
    public async Task TurnsAcrossSeveralUpstreamLifetimes_AllAnsweredOnce_EachSwitchARollover()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["RealtimeSimulator:MaxSessionDuration"] = "00:00:04",
        });
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        // A turn every 200 ms (the client's pace, as a user's would be) until the conversation has lived on four upstream
        // sessions: three switches.
        var turns = 0;
        var seen = new List<JsonElement>();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (Switches(server) < 3)
        {
            Assert.True(turns < 300, "the upstream sessions were never replaced");
            await pace.WaitForNextTickAsync();
            turns++;
            await client.SendAsync($$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"turn {{{turns}}}"}]}}""");
            await client.SendAsync("""{"type":"response.create"}""");
            JsonElement done;
            List<JsonElement> before;
            try
            {
                (done, before) = await client.WaitForAsync("response.done");
            }
            catch (OperationCanceledException ex)
            {
                // Say what the session did: the log of the session grain (no secrets are logged).
                var log = string.Join(Environment.NewLine, server.Logs.Lines.Where(l => l.Contains("Session", StringComparison.Ordinal)).TakeLast(40));
                throw new TimeoutException($"turn {turns} got no response.done; session log:{Environment.NewLine}{log}", ex);
            }

            seen.AddRange(before);
            Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        }

        Assert.DoesNotContain(seen, e => RawRealtimeSocket.TypeOf(e) == "error");
        Assert.Equal(turns, seen.Count(e => RawRealtimeSocket.TypeOf(e) == "response.done"));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("opening a new upstream session (Reconnect)", StringComparison.Ordinal));
    }

    private static int Switches(GatewayServer server) =>
        server.Logs.Lines.Count(l => l.Contains("ready (Rollover,", StringComparison.Ordinal) || l.Contains("ready (Reconnect,", StringComparison.Ordinal));
}
