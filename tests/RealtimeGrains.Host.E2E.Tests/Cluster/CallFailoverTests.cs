using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;
using RealtimeGrains.TestKit.Cluster;
using Xunit.Abstractions;

namespace RealtimeGrains.Host.E2E.Tests.Cluster;

/// <summary>
/// A WebRTC call outlives the silo holding its sideband: the browser's media goes to the model service, so after kill -9
/// of that silo a survivor must find the session (the registry of sessions on calls) and go back onto the call's sideband,
/// without any client asking, and the server's tools work again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CallFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillDashNine_TheSiloOnACallsSideband_ASurvivorGoesBackOntoTheCall_AndItsServerToolRuns()
    {
        var weather = new ScriptRule { Contains = "weather in Oslo", AfterToolReply = "It is {output} in Oslo." };
        weather.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Oslo"}""" });
        await using var cluster = await ClusterHarness.StartAsync(2, new ClusterHarnessOptions { Rules = [weather] });
        try
        {
            var victim = cluster["silo-2"];
            var (token, sessionId) = await victim.MintAsync();
            await using var peer = WebRtcPeer.Start();
            using var offer = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/calls") { Content = new StringContent(await peer.OfferAsync(), Encoding.UTF8) };
            offer.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
            offer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answered = await victim.Http.SendAsync(offer).Within("the call through silo-2", Deadline);
            Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
            peer.Answer(await answered.Content.ReadAsStringAsync());
            await peer.WaitForOpenAsync();
            var call = await cluster.Simulator.Inspector.WaitForCallAsync().Within("the call at the service", Deadline);
            await call.WaitUntilAsync(c => c.SidebandsOpen == 1).Within("silo-2 on the call's sideband", Deadline);

            victim.Signal(HostProcess.SigKill);
            var killed = Stopwatch.StartNew();
            Assert.True(await victim.WaitForExitAsync(TimeSpan.FromSeconds(30)) is not null, "silo-2 did not die from SIGKILL");

            // Nobody calls the gateway: the survivor finds the session in the registry and reattaches to the same call.
            await call.WaitUntilAsync(c => c.SidebandsAttached >= 2 && c.SidebandsOpen >= 1).Within("a survivor on the call's sideband", Deadline);
            output.WriteLine($"silo-1 on the call's sideband {killed.Elapsed.TotalSeconds:0.0} s after the kill; session {sessionId}");
            Assert.Null(call.EndReason);

            // The server's tool works again: the question goes over the data channel, the grain on silo-1 answers the call.
            peer.SendEvent(JsonNode.Parse("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"what is the weather in Oslo"}]}}""")!.AsObject());
            peer.SendEvent(JsonNode.Parse("""{"type":"response.create"}""")!.AsObject());
            var spoken = await peer.WaitForEventAsync("response.output_audio_transcript.done", e => ((string?)e["transcript"])?.Contains("in Oslo.", StringComparison.Ordinal) == true);
            Assert.StartsWith("It is ", (string)spoken["transcript"]!, StringComparison.Ordinal);
        }
        finally
        {
            cluster.SaveLogs(ClusterCollection.LogDirectory(nameof(CallFailoverTests)));
        }
    }
}
