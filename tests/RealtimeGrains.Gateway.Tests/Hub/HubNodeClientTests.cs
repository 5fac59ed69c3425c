using RealtimeGrains.Gateway.Tests.Infrastructure;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Gateway.Tests.Hub;

/// <summary>The hub through the real npm <c>@microsoft/signalr</c> client, run by node as a child process.</summary>
public sealed class HubNodeClientTests
{
    [Fact]
    public async Task Attach_SendText_PushesSessionEventsToClient()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, sessionId) = await server.MintAsync();

        var result = await NodeScript.RunAsync("hub-client.mjs", "text", server.BaseUri.ToString().TrimEnd('/'), token);

        Assert.Equal(sessionId, result.GetProperty("sessionId").GetString());
        Assert.Equal(sessionId, result.GetProperty("createdId").GetString());
        Assert.Equal("You said: hello hub", result.GetProperty("transcript").GetString());
        Assert.True(result.GetProperty("audioDeltas").GetInt32() > 0);
        Assert.True(result.GetProperty("resumeToken").GetBoolean());
    }

    [Fact]
    public async Task UpstreamRefusesTheSession_HubClientGetsAnErrorWithAStableCode_ThenSessionClosed()
    {
        const string WrongKey = "wrong-upstream-key-0123456789";
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:Endpoint"] = "{url}/sim",
            ["Upstream:ApiKey"] = WrongKey,
        });
        var (token, _) = await server.MintAsync();

        var result = await NodeScript.RunAsync("hub-client.mjs", "refused", server.BaseUri.ToString().TrimEnd('/'), token);

        Assert.Equal("upstream_authentication_failed", result.GetProperty("code").GetString());
        Assert.Contains("HTTP 401", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("closedReason").GetString()));
        Assert.DoesNotContain(WrongKey, result.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoClientsOfOneSession_BothReceiveServerEvents()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token1, sessionId) = await server.MintAsync();
        var (token2, _) = await server.MintAsync(sessionId);

        var result = await NodeScript.RunAsync("hub-client.mjs", "two-clients", server.BaseUri.ToString().TrimEnd('/'), token1, token2);

        Assert.True(result.GetProperty("sameSession").GetBoolean());
        Assert.Equal("You said: shared with both", result.GetProperty("transcriptA").GetString());
        Assert.Equal("You said: shared with both", result.GetProperty("transcriptB").GetString());
    }

    [Fact]
    public async Task Reconnect_WithResumeToken_ResumesSameSessionWithConversation_AndTokenIsSingleUse()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();

        var result = await NodeScript.RunAsync("hub-client.mjs", "resume", server.BaseUri.ToString().TrimEnd('/'), token);

        Assert.True(result.GetProperty("sameSession").GetBoolean());
        Assert.Equal("user", result.GetProperty("replayedItemRole").GetString());
        Assert.Contains("Unauthorized", result.GetProperty("replayError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAudio_ToneCodedSpeech_IsTranscribedAndAnswered_BadChunkGetsError()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync(body: GatewayServer.VoiceSession);
        var pcm = Path.Combine(Path.GetTempPath(), $"rg-hub-{Guid.NewGuid():N}.pcm");
        await File.WriteAllBytesAsync(pcm, [.. Pcm16.Silence(400), .. ToneCode.Encode("open the pod bay doors"), .. Pcm16.Silence(800)]);
        try
        {
            var result = await NodeScript.RunAsync("hub-client.mjs", "audio", server.BaseUri.ToString().TrimEnd('/'), token, pcm);

            Assert.Equal("open the pod bay doors", result.GetProperty("heard").GetString());
            Assert.Equal("You said: open the pod bay doors", result.GetProperty("reply").GetString());
            Assert.Equal("invalid_value", result.GetProperty("badChunkCode").GetString());
        }
        finally
        {
            File.Delete(pcm);
        }
    }

    [Fact]
    public async Task Interrupt_AfterReportedPlayback_FlushesEveryClient_AndTruncatesAtPlayedPosition()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token1, sessionId) = await server.MintAsync();
        var (token2, _) = await server.MintAsync(sessionId);

        var result = await NodeScript.RunAsync("hub-client.mjs", "barge-in", server.BaseUri.ToString().TrimEnd('/'), token1, token2);

        var itemId = result.GetProperty("itemId").GetString();
        Assert.Equal(itemId, result.GetProperty("flushA").GetProperty("itemId").GetString());
        Assert.Equal(700, result.GetProperty("flushA").GetProperty("audioEndMs").GetInt32());
        Assert.Equal(itemId, result.GetProperty("flushB").GetProperty("itemId").GetString());
        Assert.Equal(itemId, result.GetProperty("truncatedItem").GetString());
        Assert.Equal(700, result.GetProperty("truncatedAt").GetInt32());
    }

    [Fact]
    public async Task MalformedAndOversizedMessages_HurtOnlyTheOffender()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token1, sessionId) = await server.MintAsync();
        var (token2, _) = await server.MintAsync(sessionId);

        var result = await NodeScript.RunAsync("hub-client.mjs", "bad-input", server.BaseUri.ToString().TrimEnd('/'), token1, token2);

        Assert.Contains("Invalid event", result.GetProperty("malformed").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("oversizedClosed").GetString()));
        Assert.Equal("You said: bystander still talking", result.GetProperty("transcript").GetString());
        Assert.Equal(0, result.GetProperty("bystanderErrors").GetInt32());
    }

    [Fact]
    public async Task Attach_WithGarbageToken_IsRefused_AndNothingElseIsAllowed()
    {
        await using var server = await GatewayServer.StartAsync();

        var result = await NodeScript.RunAsync("hub-client.mjs", "unauthorized", server.BaseUri.ToString().TrimEnd('/'), "rgt_forged.token");

        Assert.Contains("Unauthorized", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("Not attached", result.GetProperty("notAttached").GetString(), StringComparison.Ordinal);
    }
}
