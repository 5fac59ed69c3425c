using System.Net;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Calls;

/// <summary>
/// The session grain on a WebRTC call's sideband, against the simulator's WebRTC front with a werift peer as the browser:
/// a call for a session with a conversation replays it through the sideband; the call's end stops the grain's upstream.
/// </summary>
public sealed class CallSidebandTests
{
    [Fact]
    public async Task NewCall_ReplaysTheConversationThroughItsSideband_AndTheCallsEndIsNotReconnected()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("call-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        // A turn over a media WebSocket first: the conversation the call must carry on.
        await session.SendTextAsync("remember the number seven").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        await using var peer = WebRtcPeer.Start();
        var result = await session.StartCallAsync(await peer.OfferAsync()).Within("start call");
        Assert.True(result.Status == 201, $"{result.Status} {result.Code}: {result.Message}");
        peer.Answer(result.Body!);
        await peer.WaitForOpenAsync();
        await observer.WaitForStatusAsync("call.started");
        await observer.WaitForStatusAsync("upstream.ready", count: 2);

        // The replay reaches the call's session, so its filtered data channel shows the browser the conversation so far.
        var replayed = await peer.WaitForEventAsync("conversation.item.added", e => e.ToJsonString().Contains("remember the number seven", StringComparison.Ordinal));
        Assert.Equal("message", (string?)replayed["item"]!["type"]);
        var call = Assert.Single(simulator.Inspector.Calls);
        Assert.Equal(result.CallId, call.CallId);
        await call.WaitUntilAsync(c => c.SidebandsOpen == 1).Within("the grain's sideband");

        // The service hangs up: the grain sees its sideband closed cleanly and does not dial the ended call again.
        using var http = new HttpClient { BaseAddress = simulator.BaseUri };
        using var hangup = new HttpRequestMessage(HttpMethod.Post, $"/openai/v1/realtime/calls/{call.CallId}/hangup");
        hangup.Headers.Add("api-key", SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(hangup).Within("hang up")).StatusCode);
        await observer.WaitForStatusAsync("call.ended");
        Assert.DoesNotContain(observer.Events, e => e.Kind == SessionEventKind.Status && e.Type == "upstream.reconnecting");
        Assert.Equal(1, call.SidebandsAttached);

        // The conversation is the grain's still: both turns' items are there to resume from.
        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Contains(items, i => i.Words == "remember the number seven");
    }

    [Fact]
    public async Task BrowsersOwnSessionUpdate_DroppingTheServerTools_GetsThemPutBack_SoTheServerToolStillRuns()
    {
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            var weather = new ScriptRule { Contains = "weather in Oslo", AfterToolReply = "It is {output}." };
            weather.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Oslo"}""" });
            o.Rules.Add(weather);
        });
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("call-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await using var peer = WebRtcPeer.Start();
        var result = await session.StartCallAsync(await peer.OfferAsync()).Within("start call");
        peer.Answer(result.Body!);
        await peer.WaitForOpenAsync();
        await observer.WaitForStatusAsync("upstream.ready", count: 2);

        // An SDK in the browser configures its own tool over the data channel: a GA session.update replaces the tool list.
        peer.SendEvent(JsonNode.Parse("""
            {"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"show_map","description":"Shows a map.","parameters":{"type":"object","properties":{}}}]}}
            """)!.AsObject());

        // The browser's update, then the grain's putting the server's tools back next to show_map (observers see neither
        // tool list: tools are the session's business); only then the question.
        await observer.WaitForEventAsync("session.updated", count: 2);
        peer.SendEvent(JsonNode.Parse("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"what is the weather in Oslo"}]}}""")!.AsObject());
        peer.SendEvent(JsonNode.Parse("""{"type":"response.create"}""")!.AsObject());
        var spoken = await peer.WaitForEventAsync("response.output_audio_transcript.done", e => ((string?)e["transcript"])?.StartsWith("It is", StringComparison.Ordinal) == true);

        Assert.Contains("Oslo", (string)spoken["transcript"]!, StringComparison.Ordinal);
        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Contains(items, i => i.Type == "function_call" && i.Name == "get_weather");
    }

    [Fact]
    public async Task Offer_ThatIsNotSdp_IsRefusedWithoutAnyCall()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("call-" + Guid.NewGuid().ToString("N"));

        var result = await session.StartCallAsync("this is not an offer").Within("start call");

        Assert.Equal(400, result.Status);
        Assert.Equal("invalid_sdp", result.Code);
        Assert.Empty(simulator.Inspector.Calls);
    }
}
