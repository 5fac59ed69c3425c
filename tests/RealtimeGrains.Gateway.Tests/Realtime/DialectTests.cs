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
    public async Task EventWithoutSessionCounterpart_GetsUnsupportedError_AndConnectionStays()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"conversation.item.delete","item_id":"item_x","event_id":"evt_del"}""");
        var (error, _) = await client.WaitForAsync("error");
        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");

        Assert.Equal("unsupported_event", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("evt_del", error.GetProperty("error").GetProperty("event_id").GetString());
    }
}
