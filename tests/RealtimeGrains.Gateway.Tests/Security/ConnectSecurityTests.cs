using System.Net;
using System.Text;
using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.Security;

/// <summary>Every refused token is refused with 401 before the WebSocket upgrade.</summary>
public sealed class ConnectSecurityTests
{
    private const string GaPath = "/openai/v1/realtime?model=gpt-realtime";

    [Fact]
    public async Task Connect_WithoutToken_Returns401BeforeUpgrade()
    {
        await using var server = await GatewayServer.StartAsync();

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), _ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Connect_WithExpiredToken_Returns401BeforeUpgrade()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await GatewayServer.StartAsync(time: time);
        var (token, _) = await server.MintAsync();
        time.Advance(TimeSpan.FromSeconds(61));

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("api-key", token));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Connect_WithForgedToken_Returns401BeforeUpgrade()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("Authorization", "Bearer " + forged));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Connect_WithReplayedToken_Returns401BeforeUpgrade()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using (var first = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token))
        {
            await first.WaitForAsync("session.created");
        }

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("Authorization", "Bearer " + token));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Connect_WithServerCredentialInsteadOfClientToken_Returns401()
    {
        await using var server = await GatewayServer.StartAsync();

        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("api-key", GatewayServer.ServerCredential));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task TokenForSessionA_AttachesToA_AndNeverSeesSessionB()
    {
        await using var server = await GatewayServer.StartAsync();
        var (tokenB, sessionB) = await server.MintAsync();
        await using (var b = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), tokenB))
        {
            await b.WaitForAsync("session.created");
            await b.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"secret of b"}]}}""");
            await b.WaitForAsync("conversation.item.added");
        }

        var (tokenA, sessionA) = await server.MintAsync();
        await using var a = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), tokenA);
        var (created, _) = await a.WaitForAsync("session.created");
        await a.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello from a"}]}}""");
        var (_, seen) = await a.WaitForAsync("conversation.item.added");

        Assert.NotEqual(sessionA, sessionB);
        Assert.Equal(sessionA, created.GetProperty("session").GetProperty("id").GetString());
        Assert.DoesNotContain(seen, e => e.ToString().Contains("secret of b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedAndMalformedFrames_GetErrorsForThatClientOnly_SessionAndOtherClientGoOn()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxRealtimeFrameBytes"] = "65536" });
        var (token1, sessionId) = await server.MintAsync();
        await using var offender = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token1);
        await offender.WaitForAsync("session.created");
        var (token2, _) = await server.MintAsync(sessionId);
        await using var bystander = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token2);
        await bystander.WaitForAsync("session.created");

        await offender.SendBytesAsync(Encoding.UTF8.GetBytes("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":""" + "\"" + new string('x', 100_000) + "\"}]}}"));
        var (tooLarge, _) = await offender.WaitForAsync("error");
        await offender.SendAsync("{this is not json");
        var (invalid, _) = await offender.WaitForAsync("error");
        await offender.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"still here"}]}}""");
        var (added, _) = await offender.WaitForAsync("conversation.item.added");
        var (bystanderAdded, bystanderSeen) = await bystander.WaitForAsync("conversation.item.added");

        Assert.Equal("event_too_large", tooLarge.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalid_json", invalid.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("still here", added.ToString(), StringComparison.Ordinal);
        Assert.Contains("still here", bystanderAdded.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bystanderSeen, e => RawRealtimeSocket.TypeOf(e) == "error");
    }

    [Fact]
    public async Task Secrets_AppearInNoResponseAndNoLogLine()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using (var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token))
        {
            await client.WaitForAsync("session.created");
            await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""");
            await client.SendAsync("""{"type":"response.create"}""");
            var (_, seen) = await client.WaitForAsync("response.done");
            Assert.DoesNotContain(seen, e => e.ToString().Contains(server.UpstreamKey, StringComparison.Ordinal));
        }

        await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("api-key", GatewayServer.ServerCredential));

        Assert.StartsWith("sim-", server.UpstreamKey, StringComparison.Ordinal);
        Assert.NotEmpty(server.Logs.Lines);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(GatewayServer.ServerCredential, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(server.UpstreamKey, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }
}
