using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Sessions;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.Calls;

/// <summary>
/// WebRTC calls with a werift peer standing in for the browser and the in-process simulator as the model service: the
/// ephemeral-key flow (the browser posts its offer to the service itself and reports the call) and the application
/// server's multipart offer through the gateway.
/// </summary>
public sealed class WebRtcCallFlowTests
{
    [Fact]
    public async Task ClientSecret_BrowserCallsTheServiceItself_ReportedCallGetsTheGrainOnItsSideband_ServerToolHidden()
    {
        await using var server = await GatewayServer.StartAsync();

        // The application server has the grain mint an upstream key for a new session; the answer reveals no prompt or tool.
        using var mint = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/client_secrets")
        {
            Content = new StringContent("""{"expires_after":{"anchor":"created_at","seconds":120},"session":{"type":"realtime","instructions":"the secret prompt"}}""", Encoding.UTF8, "application/json"),
        };
        mint.Headers.Add("api-key", GatewayServer.ServerCredential);
        using var minted = await server.Http.SendAsync(mint).WaitAsync(GatewayServer.Deadline);
        var mintedText = await minted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var secret = JsonNode.Parse(mintedText)!.AsObject();
        var key = (string)secret["value"]!;
        var attachToken = (string)secret["attach_token"]!["value"]!;
        var sessionId = (string)secret["session_id"]!;
        Assert.StartsWith("ek_", key, StringComparison.Ordinal);
        Assert.DoesNotContain("the secret prompt", mintedText, StringComparison.Ordinal);
        Assert.DoesNotContain("get_weather", mintedText, StringComparison.Ordinal);
        Assert.DoesNotContain(server.UpstreamKey, mintedText, StringComparison.Ordinal);

        // The browser's offer goes to the service with the key; the service answers with the call's id.
        await using var peer = WebRtcPeer.Start();
        using var call = new HttpRequestMessage(HttpMethod.Post, "/sim/openai/v1/realtime/calls?webrtcfilter=on") { Content = new StringContent(await peer.OfferAsync(), Encoding.UTF8) };
        call.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var answered = await server.Http.SendAsync(call).WaitAsync(GatewayServer.Deadline);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var callId = answered.Headers.Location!.OriginalString.Split('/')[^1];
        peer.Answer(await answered.Content.ReadAsStringAsync());
        await peer.WaitForOpenAsync();

        // The browser reports the call with the single-use attach token; the grain goes onto the call's sideband.
        Assert.Equal(HttpStatusCode.OK, (await PostAttachAsync(server, callId, attachToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAttachAsync(server, callId, attachToken)).StatusCode);
        var simulated = await server.Services.GetRequiredService<ISimulatorInspector>().WaitForCallAsync(c => c.CallId == callId).Within("the call");
        await simulated.WaitUntilAsync(c => c.SidebandsOpen > 0).Within("the grain's sideband");

        // A question the model answers with the server's get_weather tool: the grain runs it through the sideband.
        peer.SendEvent(JsonNode.Parse("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"what is the weather in Oslo"}]}}""")!.AsObject());
        peer.SendEvent(JsonNode.Parse("""{"type":"response.create"}""")!.AsObject());
        var spoken = await peer.WaitForEventAsync("response.output_audio_transcript.done", e => ((string?)e["transcript"])?.Contains("in Oslo.", StringComparison.Ordinal) == true);

        Assert.Contains("in Oslo.", (string)spoken["transcript"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(peer.ChannelEvents, e => e.ToJsonString().Contains("get_weather", StringComparison.Ordinal) || e.ToJsonString().Contains("function_call", StringComparison.Ordinal));
        var conversation = await server.Services.GetRequiredService<IGrainFactory>().GetGrain<IRealtimeSessionGrain>(sessionId).GetConversationAsync();
        Assert.Contains(conversation.Items, i => i.Type == "function_call" && i.Name == "get_weather");
    }

    [Fact]
    public async Task ServerCredentialMultipartOffer_CreatesTheCall_AndNamesItsSession()
    {
        await using var server = await GatewayServer.StartAsync();
        await using var peer = WebRtcPeer.Start();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await peer.OfferAsync(), Encoding.UTF8, "application/sdp"), "sdp" },
            { new StringContent("""{"type":"realtime","instructions":"Be brief."}""", Encoding.UTF8, "application/json"), "session" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/realtime/calls") { Content = form };
        request.Headers.Add("api-key", GatewayServer.ServerCredential);
        using var response = await server.Http.SendAsync(request).WaitAsync(GatewayServer.Deadline);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/sdp", response.Content.Headers.ContentType?.MediaType);
        var sessionId = response.Headers.GetValues("X-RealtimeGrains-Session-Id").Single();
        Assert.StartsWith("sess_", sessionId, StringComparison.Ordinal);
        var callId = response.Headers.Location!.OriginalString.Split('/')[^1];
        peer.Answer(await response.Content.ReadAsStringAsync());
        await peer.WaitForOpenAsync();
        var simulated = await server.Services.GetRequiredService<ISimulatorInspector>().WaitForCallAsync(c => c.CallId == callId).Within("the call");
        await simulated.WaitUntilAsync(c => c.SidebandsOpen > 0).Within("the grain's sideband");

        // A browser cannot post multipart: without the server credential it is refused before anything goes upstream.
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/calls")
        {
            Content = new MultipartFormDataContent { { new StringContent("v=0\r\n"), "sdp" } },
        };
        using var refused = await server.Http.SendAsync(anonymous).WaitAsync(GatewayServer.Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Single(server.Services.GetRequiredService<ISimulatorInspector>().Calls);
    }

    [Fact]
    public async Task PreviewSessionsUrl_ForWebRtc_MintsAServiceKey_AndTheBrowserCallsTheRegionalUrlWithIt()
    {
        await using var server = await GatewayServer.StartAsync();
        using var mint = new HttpRequestMessage(HttpMethod.Post, "/openai/realtimeapi/sessions?api-version=2025-04-01-preview&webrtc=true")
        {
            Content = new StringContent("""{"voice":"verse","instructions":"the secret prompt"}""", Encoding.UTF8, "application/json"),
        };
        mint.Headers.Add("api-key", GatewayServer.ServerCredential);
        using var minted = await server.Http.SendAsync(mint).WaitAsync(GatewayServer.Deadline);
        var text = await minted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var session = JsonNode.Parse(text)!.AsObject();
        var key = (string)session["client_secret"]!["value"]!;
        var webRtcUrl = new Uri((string)session["webrtc_url"]!);
        Assert.StartsWith("ek_", key, StringComparison.Ordinal);
        Assert.Equal("/sim/v1/realtimertc", webRtcUrl.AbsolutePath);
        Assert.StartsWith("sess_", (string)session["session_id"]!, StringComparison.Ordinal);
        Assert.Equal("verse", (string?)session["voice"]);
        Assert.DoesNotContain("the secret prompt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("get_weather", text, StringComparison.Ordinal); // a server tool: no sideband in preview to run it
        Assert.DoesNotContain(server.UpstreamKey, text, StringComparison.Ordinal);

        // As in the seeds: the browser posts its offer to the regional URL with the key and talks to the service directly.
        await using var peer = WebRtcPeer.Start();
        using var call = new HttpRequestMessage(HttpMethod.Post, webRtcUrl + "?model=gpt-realtime") { Content = new StringContent(await peer.OfferAsync(), Encoding.UTF8) };
        call.Content.Headers.ContentType = new MediaTypeHeaderValue("application/sdp");
        call.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var answered = await server.Http.SendAsync(call).WaitAsync(GatewayServer.Deadline);
        Assert.True(answered.IsSuccessStatusCode, $"HTTP {(int)answered.StatusCode}: {await answered.Content.ReadAsStringAsync()}");
        peer.Answer(await answered.Content.ReadAsStringAsync());
        await peer.WaitForOpenAsync();
        peer.SendEvent(JsonNode.Parse("""{"type":"response.create","response":{"modalities":["text"]}}""")!.AsObject());
        await peer.WaitForEventAsync("response.done");
    }

    private static async Task<HttpResponseMessage> PostAttachAsync(GatewayServer server, string callId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/realtime/calls/{callId}/attach");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Http.SendAsync(request).WaitAsync(GatewayServer.Deadline);
    }
}
