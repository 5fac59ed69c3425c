using System.ClientModel;
using OpenAI.Realtime;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

#pragma warning disable OPENAI002 // The Realtime API of the official client is marked experimental.

/// <summary>The unmodified OpenAI .NET library against the gateway's Realtime-compatible endpoint, with a client token as its key.</summary>
public sealed class OfficialClientTests
{
    private static readonly Dictionary<string, string?> WeatherRule = new()
    {
        ["RealtimeSimulator:Rules:0:Regex"] = @"weather in (?<city>\w+)",
        ["RealtimeSimulator:Rules:0:AfterToolReply"] = "It is {output} in ${city}.",
        ["RealtimeSimulator:Rules:0:FunctionCalls:0:Name"] = "get_weather",
        ["RealtimeSimulator:Rules:0:FunctionCalls:0:Arguments"] = """{"city":"${city}"}""",
    };

    private static async Task<RealtimeSessionClient> ConnectAsync(GatewayServer server, string token)
    {
        var client = new RealtimeClient(new ApiKeyCredential(token), new RealtimeClientOptions { Endpoint = new Uri(server.BaseUri, "/v1") });
        return await client.StartConversationSessionAsync("gpt-realtime").WaitAsync(GatewayServer.Deadline);
    }

    private static async Task<T> NextAsync<T>(IAsyncEnumerator<RealtimeServerUpdate> updates, List<RealtimeServerUpdate>? seen = null)
        where T : RealtimeServerUpdate
    {
        using var cts = new CancellationTokenSource(GatewayServer.Deadline);
        while (await updates.MoveNextAsync().AsTask().WaitAsync(cts.Token))
        {
            seen?.Add(updates.Current);
            if (updates.Current is RealtimeServerUpdateError error && typeof(T) != typeof(RealtimeServerUpdateError))
            {
                throw new InvalidOperationException($"Unexpected error {error.Error.Code}: {error.Error.Message}");
            }

            if (updates.Current is T match)
            {
                return match;
            }
        }

        throw new InvalidOperationException($"The session ended before {typeof(T).Name}.");
    }

    [Fact]
    public async Task TextTurn_ThroughGateway_ProducesAudioTranscript()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, sessionId) = await server.MintAsync();
        using var session = await ConnectAsync(server, token);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        var created = await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("hello gateway")).WaitAsync(GatewayServer.Deadline);
        await session.StartResponseAsync().WaitAsync(GatewayServer.Deadline);
        var seen = new List<RealtimeServerUpdate>();
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates, seen);

        Assert.Equal(RealtimeResponseStatus.Completed, done.Response.Status);
        Assert.Equal("You said: hello gateway", seen.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDone>().Single().Transcript);
        Assert.NotEmpty(seen.OfType<RealtimeServerUpdateResponseOutputAudioDelta>());
        Assert.NotNull(created);
        Assert.StartsWith("sess_", sessionId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSideTool_RoundTrip_IsAnsweredBySilo_AndHiddenFromClient()
    {
        await using var server = await GatewayServer.StartAsync(WeatherRule);
        var (token, _) = await server.MintAsync();
        using var session = await ConnectAsync(server, token);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("What is the weather in Oslo?")).WaitAsync(GatewayServer.Deadline);
        await session.StartResponseAsync().WaitAsync(GatewayServer.Deadline);
        var seen = new List<RealtimeServerUpdate>();
        var transcript = await NextAsync<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(updates, seen);

        // The sample get_weather tool grain answered inside the silo; the client saw only the spoken result.
        Assert.StartsWith("It is {\"city\":\"Oslo\",\"temperature\":", transcript.Transcript, StringComparison.Ordinal);
        Assert.EndsWith(" in Oslo.", transcript.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(seen, u => u is RealtimeServerUpdateResponseFunctionCallArgumentsDone or RealtimeServerUpdateResponseFunctionCallArgumentsDelta);
    }

    [Fact]
    public async Task Resume_WithNewTokenForSameSession_ReceivesConversationSoFarAsItems()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, sessionId) = await server.MintAsync();
        using (var first = await ConnectAsync(server, token))
        {
            await using var updates = first.ReceiveUpdatesAsync().GetAsyncEnumerator();
            await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
            await first.AddItemAsync(RealtimeItem.CreateUserMessageItem("remember the lighthouse")).WaitAsync(GatewayServer.Deadline);
            await first.StartResponseAsync().WaitAsync(GatewayServer.Deadline);
            await NextAsync<RealtimeServerUpdateResponseDone>(updates);
        }

        var (resumeToken, resumed) = await server.MintAsync(sessionId);
        using var second = await ConnectAsync(server, resumeToken);
        await using var again = second.ReceiveUpdatesAsync().GetAsyncEnumerator();
        var seen = new List<RealtimeServerUpdate>();
        await NextAsync<RealtimeServerUpdateSessionCreated>(again, seen);
        await NextAsync<RealtimeServerUpdateConversationItemDone>(again, seen);
        var assistant = await NextAsync<RealtimeServerUpdateConversationItemDone>(again, seen);

        Assert.Equal(sessionId, resumed);
        var user = seen.OfType<RealtimeServerUpdateConversationItemDone>().First();
        var userText = Assert.IsType<RealtimeMessageItem>(user.Item).Content.OfType<RealtimeInputTextMessageContentPart>().Single().Text;
        Assert.Equal("remember the lighthouse", userText);
        var reply = Assert.IsType<RealtimeMessageItem>(assistant.Item).Content.OfType<RealtimeOutputAudioMessageContentPart>().Single().Transcript;
        Assert.Equal("You said: remember the lighthouse", reply);
    }
}
