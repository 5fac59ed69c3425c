using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Cluster;

/// <summary>
/// Two silo processes on Azurite: a session whose grain lives on silo 1 serves clients of silo 2 — Realtime endpoint and
/// SignalR hub — in both directions, with a server-side tool and a barge-in; a token minted on one silo is spent on the
/// other and refused on both after that.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloTests(ITestOutputHelper output)
{
    private static readonly ScriptRule WeatherRule = NewWeatherRule();

    [Fact]
    public async Task GrainOnSiloOne_ServesRealtimeAndHubClientsOfSiloTwo_AndTokensAreSingleUseClusterWide()
    {
        await using var cluster = await ClusterHarness.StartAsync(2, new ClusterHarnessOptions { Rules = [WeatherRule], SimulatorSpeedFactor = 1 });
        var one = cluster["silo-1"];
        var two = cluster["silo-2"];
        try
        {
            // The first client connects to silo 1: the grain is placed there (its upstream connection says which silo opened it).
            var (token, id) = await one.MintAsync();
            await using var onOne = await RealtimeSocket.ConnectAsync(one.WebSocketUri(RealtimeSocket.GaPath), token, ClusterClient.Step);
            await onOne.WaitForTypeAsync("session.created", ClusterClient.Step);
            var upstream = await cluster.Simulator.Inspector.WaitForConnectionStatsAsync(id, s => s.Open == 1).Within("the session's upstream connection");
            Assert.Equal("silo-1", upstream.Connections.Single().Silo);

            // Spent: the same token is refused on the other silo and on its own.
            foreach (var silo in new[] { two, one })
            {
                var replay = await Assert.ThrowsAsync<WebSocketException>(() => RealtimeSocket.ConnectAsync(silo.WebSocketUri(RealtimeSocket.GaPath), token, ClusterClient.Step));
                Assert.Contains("401", replay.Message, StringComparison.Ordinal);
            }

            // A token minted on silo 1 for the session, redeemed on silo 2 (cluster-wide ledger, shared signing key).
            var (crossToken, _) = await one.MintAsync(id);
            await using var onTwo = await RealtimeSocket.ConnectAsync(two.WebSocketUri(RealtimeSocket.GaPath), crossToken, ClusterClient.Step);
            await onTwo.WaitForTypeAsync("session.created", ClusterClient.Step);

            // Client on silo 2 → grain on silo 1 → tool on silo 1 → events back to both clients.
            var (reply, seenOnTwo) = await ClusterClient.TurnAsync(onTwo, "What is the weather in Paris?");
            Assert.Contains("Paris", reply, StringComparison.Ordinal);
            Assert.DoesNotContain(seenOnTwo, e => RealtimeSocket.TypeOf(e).StartsWith("response.function_call_arguments", StringComparison.Ordinal));
            var (doneOnOne, _) = await onOne.WaitForAsync(
                e => RealtimeSocket.TypeOf(e) == "response.done" && e.GetProperty("response").GetProperty("output").EnumerateArray().Any(o => RealtimeSocket.TextOf(o) is not null),
                "the reply on silo 1's client",
                ClusterClient.Step);
            Assert.Equal(reply, doneOnOne.GetProperty("response").GetProperty("output").EnumerateArray().Select(RealtimeSocket.TextOf).First(t => t is not null));
            output.WriteLine($"cross-silo turn with a server-side tool: \"{reply}\" on both clients");

            // Barge-in from silo 2 while the reply streams (real-time pacing): the response ends cancelled on both.
            await onTwo.SendUserTextAsync("Tell me a long story about the sea, the wind and the lighthouse keeper.", ClusterClient.Step);
            await onTwo.SendAsync("""{"type":"response.create"}""", ClusterClient.Step);
            await onTwo.WaitForTypeAsync("response.output_audio.delta", ClusterClient.Step);
            await onTwo.SendAsync("""{"type":"response.cancel"}""", ClusterClient.Step);
            var (cancelled, _) = await onTwo.WaitForTypeAsync("response.done", ClusterClient.Step);
            Assert.Equal("cancelled", cancelled.GetProperty("response").GetProperty("status").GetString());
            var (cancelledOnOne, _) = await onOne.WaitForAsync(e => RealtimeSocket.TypeOf(e) == "response.done" && e.GetProperty("response").GetProperty("status").GetString() == "cancelled", "the cancelled response on silo 1's client", ClusterClient.Step);
            output.WriteLine("barge-in from silo 2 cancelled the response on the grain of silo 1: " + cancelledOnOne.GetProperty("response").GetProperty("id").GetString());

            // SignalR on silo 2 with a token minted on silo 1: it attaches to the grain on silo 1 and sees a turn made on silo 1.
            var (hubToken, _) = await one.MintAsync(id);
            var events = new ConcurrentQueue<JsonElement>();
            var transcript = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(two.BaseUri, "/hubs/realtime")).Build();
            hub.On<string>("serverEvent", json =>
            {
                var evt = JsonDocument.Parse(json).RootElement.Clone();
                events.Enqueue(evt);
                if (RealtimeSocket.TypeOf(evt) == "response.output_audio_transcript.done" && evt.GetProperty("transcript").GetString() is { } text && text.Contains("lighthouse", StringComparison.Ordinal))
                {
                    transcript.TrySetResult(text);
                }
            });
            await hub.StartAsync().Within("the hub connection to silo 2", ClusterClient.Step);
            var attached = await hub.InvokeAsync<JsonElement>("Attach", hubToken).Within("Attach on silo 2's hub", ClusterClient.Step);
            Assert.Equal(id, attached.GetProperty("sessionId").GetString());
            var (fromOne, _) = await ClusterClient.TurnAsync(onOne, "Remember the lighthouse.");
            var heard = await transcript.Task.Within("the transcript of silo 1's turn on silo 2's hub client", ClusterClient.Step);
            output.WriteLine($"hub client on silo 2 heard the turn made on silo 1: \"{heard}\" (reply \"{fromOne}\")");

            // The hub's events go the other way too: text from the hub on silo 2 is answered by the grain on silo 1.
            await hub.InvokeAsync("SendText", "Hello from the hub").Within("SendText on silo 2's hub", ClusterClient.Step);
            await onOne.WaitForAsync(
                e => RealtimeSocket.TypeOf(e) == "conversation.item.done" && e.TryGetProperty("item", out var item) && RealtimeSocket.TextOf(item) == "Hello from the hub",
                "the hub's user item on silo 1's client",
                ClusterClient.Step);

            // One upstream connection all along, opened by silo 1.
            var stats = cluster.Simulator.Inspector.GetConnectionStats(id)!;
            Assert.Equal(1, stats.MaxConcurrent);
            Assert.All(stats.Connections, c => Assert.Equal("silo-1", c.Silo));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n\nSilo logs:\n{cluster.Logs()}", ex);
        }
        finally
        {
            cluster.SaveLogs(ClusterCollection.LogDirectory(nameof(CrossSiloTests)));
        }
    }

    private static ScriptRule NewWeatherRule()
    {
        var rule = new ScriptRule { Regex = @"weather in (?<city>\w+)", AfterToolReply = "It is {output} in ${city}." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"${city}"}""" });
        return rule;
    }
}
