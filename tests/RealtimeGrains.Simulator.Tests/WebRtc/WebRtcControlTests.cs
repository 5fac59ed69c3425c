using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Simulator.Tests.WebRtc;

/// <summary>The call endpoints' control side: sidebands, the event filter, hang-up, and every refusal.</summary>
public sealed class WebRtcControlTests
{
    /// <summary>A well-formed offer for refusals that never reach the media front.</summary>
    private const string StaticOffer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n";

    private static readonly string[] WithheldFromFilteredChannel =
    [
        "session.created", "session.updated", "response.created", "response.done", "rate_limits.updated",
        "response.output_item.added", "response.output_item.done", "response.function_call_arguments.delta", "response.function_call_arguments.done",
    ];

    [Fact]
    public async Task Sideband_SeesTheCallsEvents_AndItsFunctionCallStaysOffTheFilteredChannel()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var peer = WebRtcPeer.Start();
        var response = await CallClient.PostMultipartAsync(
            server,
            "/openai/v1/realtime/calls?webrtcfilter=on",
            await peer.OfferAsync(),
            $$"""{"type":"realtime","model":"{{SimulatorServer.Model}}","instructions":"From the multipart."}""");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();
        var sidebandUri = server.WebSocketUri($"/openai/v1/realtime?call_id={response.CallId}");
        var key = await CallClient.MintGaKeyAsync(server);
        Assert.Equal(HttpStatusCode.Unauthorized, await HandshakeStatusAsync(sidebandUri, o => o.SetRequestHeader("Authorization", "Bearer " + key)));

        await using var sideband = await RawRealtimeClient.ConnectAsync(sidebandUri, o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));
        var created = await sideband.ReceiveAsync();
        Assert.Equal("session.created", (string?)created!["type"]);
        Assert.Equal("From the multipart.", (string?)created["session"]!["instructions"]);

        await sideband.SendAsync("""{"type":"session.update","session":{"type":"realtime","tool_choice":"required","tools":[{"type":"function","name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}}""");
        await sideband.ReceiveUntilAsync("session.updated");
        await sideband.SendAsync("""{"type":"response.create"}""");
        var call = await sideband.ReceiveUntilAsync("response.function_call_arguments.done");
        await sideband.ReceiveUntilAsync("response.done");
        Assert.Equal("get_weather", (string?)call["name"]);

        // A message item passes the filter; arriving after the function call's events, it shows none of them got through.
        await sideband.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"marker"}]}}""");
        await peer.WaitForEventAsync("conversation.item.added", e => (string?)e["item"]!["type"] == "message");
        var channel = peer.ChannelEvents;
        Assert.DoesNotContain(channel, e => WithheldFromFilteredChannel.Contains((string?)e["type"]));
        Assert.DoesNotContain(channel, e => (string?)e["item"]?["type"] is "function_call" or "function_call_output");

        // Malformed JSON on the data channel: an error on every channel, which stays open.
        peer.SendText("{not json");
        await peer.WaitForEventAsync("error");
        await sideband.ReceiveUntilAsync("error");
        Assert.DoesNotContain(sideband.Received, e => (string?)e["type"] is "response.output_audio.delta" or "response.audio.delta");

        await using var second = await RawRealtimeClient.ConnectAsync(sidebandUri, o => o.SetRequestHeader("Authorization", "Bearer " + SimulatorServer.ApiKey));
        Assert.Equal("session.created", (string?)(await second.ReceiveAsync())!["type"]);
        var record = await server.Inspector.WaitForCallAsync(c => c.CallId == response.CallId).Within("the call");
        await record.WaitUntilAsync(c => c.SidebandsOpen == 2).Within("two sidebands");

        Assert.Equal(HttpStatusCode.OK, await CallClient.HangupAsync(server, response.CallId));
        await ReceiveCloseAsync(sideband);
        await ReceiveCloseAsync(second);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, sideband.Socket.CloseStatus);
        Assert.Contains("hangup", sideband.Socket.CloseStatusDescription, StringComparison.Ordinal);
        await record.Ended.Within("the call to end");
        Assert.Equal("hangup", record.EndReason);
        Assert.Equal(HttpStatusCode.NotFound, await CallClient.HangupAsync(server, response.CallId));
        Assert.Equal(HttpStatusCode.NotFound, await HandshakeStatusAsync(sidebandUri, o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey)));
    }

    [Fact]
    public async Task CallRequests_WithoutAValidKey_Get401_BeforeAnythingStarts()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o => o.TimeProvider = clock);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var mint = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/client_secrets")
        {
            Content = JsonContent.Create(new JsonObject { ["expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = 10 } }),
        };
        mint.Headers.Add("Authorization", "Bearer " + SimulatorServer.ApiKey);
        var expiring = (string)(await (await http.SendAsync(mint)).Content.ReadFromJsonAsync<JsonObject>())!["value"]!;
        clock.Advance(TimeSpan.FromSeconds(11));

        var none = await CallClient.PostSdpAsync(server, "/openai/v1/realtime/calls", StaticOffer, bearer: null);
        var unknown = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", StaticOffer, "ek_unknown");
        var expired = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", StaticOffer, expiring);
        var preview = await CallClient.PostSdpAsync(server, "/v1/realtimertc?model=gpt-realtime", StaticOffer, "ek_unknown");
        var fresh = await CallClient.MintGaKeyAsync(server);
        using var hangup = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/calls/rtc_x/hangup");
        hangup.Headers.Add("Authorization", "Bearer " + fresh);

        Assert.All(new[] { none, unknown, expired, preview }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
        Assert.Equal("invalid_request_error", (string?)none.Error["type"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(hangup)).StatusCode);
        Assert.Empty(server.Inspector.Sessions);
        Assert.Empty(server.Inspector.Calls);
    }

    [Fact]
    public async Task CallRequests_WithBadBodies_Get400_AndUnknownDeployments_404()
    {
        await using var server = await SimulatorServer.StartAsync();
        var malformed = await CallClient.PostMultipartAsync(server, "/v1/realtime/calls", "hello", null);
        var empty = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", string.Empty, SimulatorServer.ApiKey);
        var noSdpPart = await CallClient.PostMultipartAsync(server, "/v1/realtime/calls", null, """{"type":"realtime"}""");
        var badSession = await CallClient.PostMultipartAsync(server, "/v1/realtime/calls", StaticOffer, "{nope");
        var notObject = await CallClient.PostMultipartAsync(server, "/v1/realtime/calls", StaticOffer, "[1]");
        var huge = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", StaticOffer + new string('a', 65 * 1024), SimulatorServer.ApiKey);
        var deployment = await CallClient.PostMultipartAsync(server, "/openai/v1/realtime/calls", StaticOffer, """{"type":"realtime","model":"no-such-deployment"}""");

        Assert.All(new[] { malformed, empty, noSdpPart, badSession, notObject, huge }, r => Assert.Equal(HttpStatusCode.BadRequest, r.Status));
        Assert.Equal("sdp", (string?)malformed.Error["param"]);
        Assert.Equal("sdp", (string?)noSdpPart.Error["param"]);
        Assert.Equal("session", (string?)badSession.Error["param"]);
        Assert.Contains("64 KiB", (string?)huge.Error["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, deployment.Status);
        Assert.Equal("DeploymentNotFound", (string?)deployment.Error["code"]);
        Assert.Empty(server.Inspector.Calls);
    }

    [Fact]
    public async Task Sideband_ToAnUnknownCall_Gets404_AndHangupToo()
    {
        await using var server = await SimulatorServer.StartAsync();

        var status = await HandshakeStatusAsync(server.WebSocketUri("/v1/realtime?call_id=rtc_nope"), o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, await CallClient.HangupAsync(server, "rtc_nope"));
    }

    [Fact]
    public async Task Calls_WithoutNodeOrDisabled_Get503_SayingWhy()
    {
        await using var noNode = await SimulatorServer.StartAsync(o => o.WebRtc.NodePath = "/nonexistent/node");
        await using var disabled = await SimulatorServer.StartAsync(o => o.WebRtc.Enabled = false);

        var missing = await CallClient.PostSdpAsync(noNode, "/v1/realtime/calls", StaticOffer, SimulatorServer.ApiKey);
        var off = await CallClient.PostSdpAsync(disabled, "/v1/realtime/calls", StaticOffer, SimulatorServer.ApiKey);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, missing.Status);
        Assert.Contains("Node.js was not found", (string?)missing.Error["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, off.Status);
        Assert.Contains("disabled", (string?)off.Error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_BeyondMaxCalls_Get429_UntilOneEnds()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.WebRtc.MaxCalls = 1);
        await using var peer = WebRtcPeer.Start();
        var offer = await peer.OfferAsync();
        var first = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", offer, SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.Created, first.Status);

        var second = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", offer, SimulatorServer.ApiKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Contains("MaxCalls", (string?)second.Error["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await CallClient.HangupAsync(server, first.CallId));
        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == first.CallId).Within("the first call");
        await call.Ended.Within("the first call to end");
        var afterwards = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", (await WebRtcPeerOfferAsync()), SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.Created, afterwards.Status);
    }

    [Fact]
    public async Task Call_EndsWithItsSession_AtTheMaximumDuration()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.MaxSessionDuration = TimeSpan.FromMinutes(1);
        });
        await using var peer = WebRtcPeer.Start();
        var response = await CallClient.PostSdpAsync(server, "/v1/realtime/calls", await peer.OfferAsync(), SimulatorServer.ApiKey);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        peer.Answer(response.Body);
        await peer.WaitForOpenAsync();
        await using var sideband = await RawRealtimeClient.ConnectAsync(
            server.WebSocketUri($"/v1/realtime?call_id={response.CallId}"),
            o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));
        await sideband.ReceiveAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await sideband.ReceiveUntilAsync("error");
        await ReceiveCloseAsync(sideband);

        Assert.Equal("session_expired", (string?)expired["error"]!["code"]);
        var call = await server.Inspector.WaitForCallAsync(c => c.CallId == response.CallId).Within("the call");
        await call.Ended.Within("the call to end with its session");
        Assert.Equal("the session hit its maximum duration", call.EndReason);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, sideband.Socket.CloseStatus);
    }

    [Fact]
    public async Task InvalidWebRtcOptions_FailAtStart_NamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorServer.StartAsync(o =>
        {
            o.WebRtc.IceAddress = "not-an-address";
            o.WebRtc.IcePortMin = 50_000;
            o.WebRtc.MaxCalls = 0;
        }));

        Assert.Contains("RealtimeSimulator:WebRtc:IceAddress", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:WebRtc:IcePortMin", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:WebRtc:MaxCalls", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> WebRtcPeerOfferAsync()
    {
        await using var peer = WebRtcPeer.Start();
        return await peer.OfferAsync();
    }

    private static async Task<HttpStatusCode> HandshakeStatusAsync(Uri uri, Action<ClientWebSocketOptions> configure)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure(socket.Options);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(RawRealtimeClient.Deadline);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    private static async Task ReceiveCloseAsync(RawRealtimeClient client)
    {
        while (await client.ReceiveAsync() is not null)
        {
        }
    }
}
