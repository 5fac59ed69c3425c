using System.Net;
using System.Text.Json.Nodes;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Simulator.Tests.WebRtc;

/// <summary>Calls end to end over real WebRTC on loopback: a werift peer, the simulator's media front, Opus both ways.</summary>
public sealed class WebRtcMediaTests
{
    private const string StoryReply = "once upon a time a small simulator spoke only in tones and it never tired of it at all";

    private static readonly JsonObject TranscribedSession = new()
    {
        ["type"] = "realtime",
        ["model"] = SimulatorServer.Model,
        ["audio"] = new JsonObject { ["input"] = new JsonObject { ["transcription"] = new JsonObject { ["model"] = "whisper-1" } } },
    };

    [Fact]
    public async Task Call_WithEphemeralKey_HearsToneSpeech_AndRepliesOnChannelAndRtp()
    {
        await using var server = await SimulatorServer.StartAsync();
        var key = await CallClient.MintGaKeyAsync(server, TranscribedSession.DeepClone().AsObject());
        await using var peer = WebRtcPeer.Start();

        var response = await CallClient.PostSdpAsync(server, "/openai/v1/realtime/calls", await peer.OfferAsync(), key);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("application/sdp", response.ContentType);
        Assert.StartsWith("/v1/realtime/calls/rtc_", response.Location, StringComparison.Ordinal);
        Assert.Contains(" 127.0.0.1 ", response.Body, StringComparison.Ordinal);
        Assert.Contains("a=ice-lite", response.Body, StringComparison.Ordinal);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();

        peer.Say(ToneCode.Encode("hello there"));
        var heard = await peer.WaitForEventAsync("conversation.item.input_audio_transcription.completed");
        var reply = await peer.WaitForEventAsync("response.output_audio_transcript.done");
        var stopped = await peer.WaitForEventAsync("output_audio_buffer.stopped");

        Assert.Equal("hello there", (string?)heard["transcript"]);
        Assert.Equal("You said: hello there", (string?)reply["transcript"]);
        Assert.Equal((string?)reply["response_id"], (string?)stopped["response_id"]);
        var events = peer.ChannelEvents.Select(e => (string)e["type"]!).ToList();
        Assert.Equal("session.created", events[0]);
        Assert.True(events.IndexOf("output_audio_buffer.started") < events.IndexOf("output_audio_buffer.stopped"));
        Assert.DoesNotContain("response.output_audio.delta", events);

        // The reply audio went out over RTP: decoded by the peer, it is the tone-coded reply text.
        var (packets, loud) = await peer.StatsAsync();
        Assert.True(loud > 20, $"expected non-silent reply audio, got {loud} loud of {packets} packets");
        Assert.True(ToneCode.TryDecode(await peer.ReceivedAudioAsync(), ToneCode.SampleRate, out var spoken), "the reply audio does not decode as tone code");
        Assert.Equal("you said: hello there", spoken);

        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == response.CallId).Within("the call in the inspector");
        Assert.True(call.Connected && call.DataChannelOpened);
        Assert.True(call.RtpPacketsReceived > 50, $"received {call.RtpPacketsReceived} packets");
        Assert.Equal(packets, call.RtpPacketsSent);
        Assert.InRange(call.AudioMsSent, ToneCode.DurationMs("You said: hello there".Length), ToneCode.DurationMs("You said: hello there".Length) + 20);
        Assert.Contains(server.Inspector.Sessions, s => s.SessionId == call.SessionId && !s.Beta);

        // A browser closing its peer connection ends the call.
        peer.Close();
        await call.Ended.Within("the call to end after the peer closed");
        Assert.Equal("data channel closed", call.EndReason);
    }

    [Fact]
    public async Task SpeechDuringPlayout_ClearsTheOutputBuffer_AndTruncatesTheReplyToWhatWasPlayed()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.Rules.Add(new ScriptRule { Contains = "story", Reply = StoryReply }));
        var key = await CallClient.MintGaKeyAsync(server);
        await using var peer = WebRtcPeer.Start();
        var response = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", await peer.OfferAsync(), key);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();

        peer.Say(ToneCode.Encode("story"));
        var started = await peer.WaitForEventAsync("output_audio_buffer.started");
        peer.Say(ToneCode.Encode("stop"));
        var cleared = await peer.WaitForEventAsync("output_audio_buffer.cleared");
        var truncated = await peer.WaitForEventAsync("conversation.item.truncated");
        var second = await peer.WaitForEventAsync("output_audio_buffer.stopped");

        Assert.Equal((string?)started["response_id"], (string?)cleared["response_id"]);
        Assert.NotEqual((string?)started["response_id"], (string?)second["response_id"]);
        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == response.CallId).Within("the call");
        var session = server.Inspector.Sessions.Single(s => s.SessionId == call.SessionId);
        var truncation = Assert.Single(session.Truncations);
        var story = session.Items.Single(i => i.Id == truncation.ItemId);
        var fullMs = ToneCode.DurationMs(StoryReply.Length);
        Assert.Equal((string?)truncated["item_id"], truncation.ItemId);
        Assert.InRange(truncation.AudioEndMs, 20, fullMs - 2000);
        Assert.Equal(truncation.AudioEndMs, story.AudioMs);
        Assert.True(story.Text.Length < StoryReply.Length / 2, $"the truncated transcript is '{story.Text}'");
        Assert.StartsWith(story.Text, StoryReply, StringComparison.Ordinal);
        Assert.Equal(1, call.OutputBufferClearedCount);

        // What went out is what was played of the story and then the whole second reply: the rest of the story was never sent.
        var secondMs = ToneCode.DurationMs("You said: stop".Length);
        Assert.Equal(truncation.AudioEndMs + ((secondMs + 19) / 20 * 20), call.AudioMsSent);
        var (packets, _) = await peer.StatsAsync();
        Assert.InRange(packets, (call.AudioMsSent / 20) - 2, call.AudioMsSent / 20);
    }

    [Fact]
    public async Task ClientClear_OnTheDataChannel_StopsPlayout_AndTruncates_WhileAWebSocketSessionStillRefusesIt()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.Rules.Add(new ScriptRule { Contains = "story", Reply = StoryReply }));
        await using var peer = WebRtcPeer.Start();
        var response = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", await peer.OfferAsync(), SimulatorServer.ApiKey);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();

        peer.SendEvent(JsonNode.Parse("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"a story please"}]}}""")!.AsObject());
        peer.SendEvent(new JsonObject { ["type"] = "response.create" });
        var started = await peer.WaitForEventAsync("output_audio_buffer.started");
        peer.SendEvent(new JsonObject { ["type"] = "output_audio_buffer.clear" });
        var cleared = await peer.WaitForEventAsync("output_audio_buffer.cleared");
        await peer.WaitForEventAsync("conversation.item.truncated");

        Assert.Equal((string?)started["response_id"], (string?)cleared["response_id"]);
        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == response.CallId).Within("the call");
        var truncation = Assert.Single(server.Inspector.Sessions.Single(s => s.SessionId == call.SessionId).Truncations);
        Assert.InRange(truncation.AudioEndMs, 0, ToneCode.DurationMs(StoryReply.Length) - 2000);
        Assert.Equal(truncation.AudioEndMs, call.AudioMsSent);
        Assert.DoesNotContain(peer.ChannelEvents, e => (string?)e["type"] == "error");

        await using var socket = await Infrastructure.RawRealtimeClient.ConnectAsync(
            server.WebSocketUri($"/v1/realtime?model={SimulatorServer.Model}"),
            o => o.SetRequestHeader("Authorization", "Bearer " + SimulatorServer.ApiKey));
        await socket.SendAsync("""{"type":"output_audio_buffer.clear"}""");
        var refused = await socket.ReceiveUntilAsync("error");
        Assert.Equal("invalid_value", (string?)refused["error"]!["code"]);
    }

    [Fact]
    public async Task PreviewRealtimeRtc_WithAnOfferWithoutCandidates_AnswersWithBetaSession_OnTheDataChannel()
    {
        await using var server = await SimulatorServer.StartAsync();
        var key = await CallClient.MintPreviewKeyAsync(server);
        await using var peer = WebRtcPeer.Start();

        // The preview sample posts createOffer()'s SDP before ICE gathering: the front (ICE lite) learns the peer's address from its checks.
        var offer = await peer.OfferAsync(withCandidates: false);
        Assert.DoesNotContain("a=candidate:", offer, StringComparison.Ordinal);
        var response = await CallClient.PostSdpAsync(server, $"/v1/realtimertc?model={SimulatorServer.Model}", offer, key);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("application/sdp", response.ContentType);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();
        var created = await peer.WaitForEventAsync("session.created");
        await peer.WaitForEventAsync("conversation.created");
        peer.SendEvent(JsonNode.Parse("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""")!.AsObject());
        peer.SendEvent(new JsonObject { ["type"] = "response.create" });
        var transcript = await peer.WaitForEventAsync("response.audio_transcript.done");

        Assert.Equal("verse", (string?)created["session"]!["voice"]);
        Assert.Equal("You said: hi", (string?)transcript["transcript"]);
        var call = await server.Inspector.WaitForCallAsync().Within("the call");
        Assert.True(call.Beta);
    }
}
