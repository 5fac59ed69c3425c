using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>Both protocol generations and every way of presenting the client token.</summary>
public sealed class DialectTests
{
    [Fact]
    public async Task AzurePreviewPath_SpeaksBeta_WithApiKeyHeader()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(
            server.WebSocketUri("/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime"), configure: o => o.SetRequestHeader("api-key", token));
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"beta please"}]}}""");
        await client.SendAsync("""{"type":"response.create","response":{"modalities":["audio","text"]}}""");
        var (done, seen) = await client.WaitForAsync("response.audio_transcript.done");

        Assert.Equal("You said: beta please", done.GetProperty("transcript").GetString());
        Assert.Contains(seen, e => RawRealtimeSocket.TypeOf(e) == "conversation.item.created");
        Assert.DoesNotContain(seen, e => RawRealtimeSocket.TypeOf(e) == "conversation.item.added");
    }

    [Fact]
    public async Task OpenAIPath_WithBrowserSubprotocols_SelectsRealtime_AndSpeaksGa()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/v1/realtime?model=gpt-realtime"), configure: o =>
        {
            o.AddSubProtocol("realtime");
            o.AddSubProtocol("openai-insecure-api-key." + token);
        });
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"ga please"}]}}""");
        await client.SendAsync("""{"type":"response.create"}""");
        var (done, _) = await client.WaitForAsync("response.output_audio_transcript.done");

        Assert.Equal("You said: ga please", done.GetProperty("transcript").GetString());
    }

    [Fact]
    public async Task AzurePreviewPath_WithoutApiVersion_Returns400()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri("/openai/realtime?deployment=gpt-realtime"), o => o.SetRequestHeader("api-key", token));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task UnknownEventType_GetsError_AndConnectionStays()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"session.explode","event_id":"evt_1"}""");
        var (error, _) = await client.WaitForAsync("error");
        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");

        Assert.Equal("evt_1", error.GetProperty("error").GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task ItemDeleteAndRetrieve_AreAppliedToTheSession_AndAResumeAgrees()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, id) = await server.MintAsync();
        await using (var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token))
        {
            await client.WaitForAsync("session.created");
            await client.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_keep","type":"message","role":"user","content":[{"type":"input_text","text":"keep me"}]}}""");
            await client.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_drop","type":"message","role":"user","content":[{"type":"input_text","text":"drop me"}]}}""");
            await client.WaitForAsync(e => e.GetProperty("type").GetString() == "conversation.item.done" && e.GetProperty("item").GetProperty("id").GetString() == "item_drop", "item_drop done");

            await client.SendAsync("""{"type":"conversation.item.retrieve","item_id":"item_keep","event_id":"evt_get"}""");
            var (retrieved, _) = await client.WaitForAsync("conversation.item.retrieved");
            Assert.Equal("item_keep", retrieved.GetProperty("item").GetProperty("id").GetString());

            await client.SendAsync("""{"type":"conversation.item.delete","item_id":"item_drop","event_id":"evt_del"}""");
            var (deleted, _) = await client.WaitForAsync("conversation.item.deleted");
            Assert.Equal("item_drop", deleted.GetProperty("item_id").GetString());

            // An id the conversation does not have: the upstream's error, for this event.
            await client.SendAsync("""{"type":"conversation.item.delete","item_id":"item_nowhere","event_id":"evt_none"}""");
            var (error, _) = await client.WaitForAsync("error");
            Assert.Equal("evt_none", error.GetProperty("error").GetProperty("event_id").GetString());
        }

        // The persisted conversation agrees: a resume brings back the kept item only.
        var (resumeToken, _) = await server.MintAsync(id);
        await using var resumed = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), resumeToken);
        await resumed.WaitForAsync("session.created");
        await resumed.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_marker","type":"message","role":"user","content":[{"type":"input_text","text":"marker"}]}}""");
        var (_, seen) = await resumed.WaitForAsync(e => e.GetProperty("type").GetString() == "conversation.item.done" && e.GetProperty("item").GetProperty("id").GetString() == "item_marker", "the marker item");
        var replayed = seen.Where(e => e.GetProperty("type").GetString() == "conversation.item.done").Select(e => e.GetProperty("item").GetProperty("id").GetString()).ToList();
        Assert.Contains("item_keep", replayed);
        Assert.DoesNotContain("item_drop", replayed);
    }

    [Fact]
    public async Task ResponseCreate_WithOptions_ReachesTheUpstreamAsWritten()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"text only please"}]}}""");
        await client.SendAsync("""{"type":"response.create","response":{"output_modalities":["text"],"metadata":{"topic":"options"}}}""");
        var (done, seen) = await client.WaitForAsync("response.done");

        Assert.Equal("text", done.GetProperty("response").GetProperty("output_modalities")[0].GetString());
        Assert.Equal("options", done.GetProperty("response").GetProperty("metadata").GetProperty("topic").GetString());
        Assert.DoesNotContain(seen, e => RawRealtimeSocket.TypeOf(e) == "response.output_audio.delta");
    }

    [Fact]
    public async Task EventWithoutSessionCounterpart_GetsUnsupportedError_AndConnectionStays()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"output_audio_buffer.clear","event_id":"evt_clear"}""");
        var (error, _) = await client.WaitForAsync("error");
        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");

        Assert.Equal("evt_clear", error.GetProperty("error").GetProperty("event_id").GetString());
    }
}
