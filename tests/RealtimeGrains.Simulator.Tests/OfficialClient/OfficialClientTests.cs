using System.ClientModel;
using OpenAI.Realtime;
using RealtimeGrains.Simulator;
using RealtimeGrains.Simulator.Tests.Infrastructure;

namespace RealtimeGrains.Simulator.Tests.OfficialClient;

#pragma warning disable OPENAI002 // The Realtime API of the official client is marked experimental.

/// <summary>The unmodified OpenAI .NET client (GA protocol) against the simulator on loopback.</summary>
public sealed class OfficialClientTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static async Task<RealtimeSessionClient> ConnectAsync(SimulatorServer server)
    {
        var client = new RealtimeClient(new ApiKeyCredential(SimulatorServer.ApiKey), new RealtimeClientOptions { Endpoint = new Uri(server.BaseUri, "/v1") });
        return await client.StartConversationSessionAsync(SimulatorServer.Model).WaitAsync(Deadline);
    }

    private static async Task<T> NextAsync<T>(IAsyncEnumerator<RealtimeServerUpdate> updates, List<RealtimeServerUpdate>? seen = null)
        where T : RealtimeServerUpdate
    {
        using var cts = new CancellationTokenSource(Deadline);
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

    private static RealtimeConversationSessionOptions TextAndVoiceOptions(bool vad = false)
    {
        var options = new RealtimeConversationSessionOptions
        {
            Instructions = "Be brief.",
            AudioOptions = new RealtimeConversationSessionAudioOptions
            {
                InputAudioOptions = new RealtimeConversationSessionInputAudioOptions
                {
                    AudioTranscriptionOptions = new RealtimeAudioTranscriptionOptions { Model = "whisper-1" },
                },
                OutputAudioOptions = new RealtimeConversationSessionOutputAudioOptions { Voice = RealtimeVoice.Marin },
            },
        };
        if (!vad)
        {
            options.AudioOptions.InputAudioOptions.DisableTurnDetection();
        }

        return options;
    }

    [Fact]
    public async Task ConfigureSession_IsAcknowledged_AndRecorded()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.ConfigureConversationSessionAsync(TextAndVoiceOptions()).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        var record = await server.Inspector.WaitForSessionAsync().WaitAsync(Deadline);
        Assert.False(record.Beta);
        Assert.Equal(2, record.ConfigHistory.Count);
        Assert.Contains("\"voice\":\"marin\"", record.ConfigHistory[1], StringComparison.Ordinal);
        Assert.Contains("\"instructions\":\"Be brief.\"", record.ConfigHistory[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextTurn_ProducesAudioAndAlignedTranscript()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(TextAndVoiceOptions()).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("hello simulator")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var seen = new List<RealtimeServerUpdate>();
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates, seen);

        var audio = seen.OfType<RealtimeServerUpdateResponseOutputAudioDelta>().SelectMany(d => d.Delta.ToArray()).ToArray();
        var transcript = seen.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDone>().Single().Transcript;
        Assert.Equal("You said: hello simulator", transcript);
        Assert.True(ToneCode.TryDecode(audio, 24_000, out var spoken));
        Assert.Equal(transcript.ToLowerInvariant(), spoken);
        Assert.Equal(RealtimeResponseStatus.Completed, done.Response.Status);
        Assert.True(done.Response.Usage.OutputTokenCount > 0);
        var item = Assert.IsType<RealtimeMessageItem>(Assert.Single(done.Response.OutputItems));
        Assert.Equal(transcript, Assert.IsType<RealtimeOutputAudioMessageContentPart>(Assert.Single(item.Content)).Transcript);
    }

    [Fact]
    public async Task AudioTurn_WithServerVad_TranscribesToneCodeAndAnswers()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(TextAndVoiceOptions(vad: true)).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        var speech = Pcm16.Silence(500).Concat(ToneCode.Encode("what time is it")).Concat(Pcm16.Silence(600)).ToArray();
        for (var offset = 0; offset < speech.Length; offset += 4800)
        {
            await session.SendInputAudioAsync(BinaryData.FromBytes(speech.AsMemory(offset, Math.Min(4800, speech.Length - offset)))).WaitAsync(Deadline);
        }

        var seen = new List<RealtimeServerUpdate>();
        var started = await NextAsync<RealtimeServerUpdateInputAudioBufferSpeechStarted>(updates, seen);
        Assert.Equal(TimeSpan.FromMilliseconds(500 - 300), started.AudioStartTime);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates, seen);
        var transcription = seen.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>().SingleOrDefault()
            ?? await NextAsync<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>(updates, seen);

        Assert.Equal("what time is it", transcription.Transcript);
        Assert.Equal(started.ItemId, transcription.ItemId);
        Assert.Contains(seen, u => u is RealtimeServerUpdateInputAudioBufferSpeechStopped);
        Assert.Equal("You said: what time is it", seen.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDone>().Single().Transcript);
    }

    [Fact]
    public async Task FunctionCall_RoundTrip_UsesToolOutput()
    {
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            var rule = new ScriptRule { Regex = @"weather in (?<city>\w+)", AfterToolReply = "It is {output} in ${city}." };
            rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"${city}"}""" });
            o.Rules.Add(rule);
        });
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        var options = TextAndVoiceOptions();
        options.Tools.Add(new RealtimeFunctionTool("get_weather")
        {
            FunctionDescription = "Weather for a city",
            FunctionParameters = BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""),
        });
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("What is the weather in Oslo?")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var call = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("""{"city":"Oslo"}""", call.FunctionArguments.ToString());

        await session.AddItemAsync(RealtimeItem.CreateFunctionCallOutputItem(call.CallId, "4 degrees")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var transcript = await NextAsync<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        Assert.Equal("It is 4 degrees in Oslo.", transcript.Transcript);
        var record = server.Inspector.Sessions.Single();
        Assert.Contains(record.Items, i => i.Type == "function_call_output" && i.CallId == call.CallId && i.Output == "4 degrees");
    }

    [Fact]
    public async Task ToolChoice_NamedInSession_RequiredInResponse_AutoFromText_AreHonouredWithoutRules()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        var options = TextAndVoiceOptions();
        var city = BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
        options.Tools.Add(new RealtimeFunctionTool("get_weather") { FunctionDescription = "Gets the current weather of a city.", FunctionParameters = city });
        options.Tools.Add(new RealtimeFunctionTool("get_time") { FunctionDescription = "Tells the local time in a city.", FunctionParameters = city });
        options.ToolChoice = new RealtimeToolChoice(new RealtimeCustomFunctionToolChoice("get_time"));
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("What is the weather in Oslo?")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var named = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        options.ToolChoice = new RealtimeToolChoice(RealtimeDefaultToolChoice.Auto);
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("hello")).WaitAsync(Deadline);
        await session.StartResponseAsync(new RealtimeResponseOptions { ToolChoice = new RealtimeToolChoice(RealtimeDefaultToolChoice.Required) }).WaitAsync(Deadline);
        var required = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("Please call get_weather for Paris")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var auto = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        Assert.Equal(("get_time", """{"city":"Oslo"}"""), (named.FunctionName, named.FunctionArguments.ToString()));
        Assert.Equal("get_weather", required.FunctionName);
        Assert.Equal(("get_weather", """{"city":"Paris"}"""), (auto.FunctionName, auto.FunctionArguments.ToString()));
    }

    [Fact]
    public async Task Cancel_EndsResponseAsCancelled_WithIncompleteItem()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SpeedFactor = 1);
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(TextAndVoiceOptions()).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("please tell me a rather long story about the sea")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateResponseOutputAudioDelta>(updates);
        await session.CancelResponseAsync().WaitAsync(Deadline);
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        Assert.Equal(RealtimeResponseStatus.Cancelled, done.Response.Status);
        Assert.Equal(RealtimeResponseStatusReason.ClientCancelled, done.Response.StatusDetails.Reason);
        var item = Assert.IsType<RealtimeMessageItem>(Assert.Single(done.Response.OutputItems));
        Assert.Equal(RealtimeMessageStatus.Incomplete, item.Status);
    }

    [Fact]
    public async Task Truncate_AfterPartialPlayback_CutsTranscriptAndIsRecorded()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(TextAndVoiceOptions()).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("abc")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates);
        var itemId = Assert.IsType<RealtimeMessageItem>(Assert.Single(done.Response.OutputItems)).Id;

        // "You said: abc": the first 4 characters start before 450 ms.
        await session.TruncateItemAsync(itemId, 0, TimeSpan.FromMilliseconds(450)).WaitAsync(Deadline);
        var truncated = await NextAsync<RealtimeServerUpdateConversationItemTruncated>(updates);
        await session.RequestItemRetrievalAsync(itemId).WaitAsync(Deadline);
        var retrieved = await NextAsync<RealtimeServerUpdateConversationItemRetrieved>(updates);

        Assert.Equal(TimeSpan.FromMilliseconds(450), truncated.AudioEndTime);
        var part = Assert.IsType<RealtimeOutputAudioMessageContentPart>(Assert.Single(Assert.IsType<RealtimeMessageItem>(retrieved.Item).Content));
        Assert.Equal("You ", part.Transcript);
        var recorded = Assert.Single(server.Inspector.Sessions.Single().Truncations);
        Assert.Equal(new SimulatorTruncation(itemId, 0, 450), recorded);
    }

    [Fact]
    public async Task DeleteItem_RemovesIt_AndRecordsTheDeletion()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var session = await ConnectAsync(server);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("forget me")).WaitAsync(Deadline);
        var added = await NextAsync<RealtimeServerUpdateConversationItemAdded>(updates);

        await session.DeleteItemAsync(added.Item is RealtimeMessageItem m ? m.Id : throw new InvalidOperationException()).WaitAsync(Deadline);
        var deleted = await NextAsync<RealtimeServerUpdateConversationItemDeleted>(updates);

        var record = server.Inspector.Sessions.Single();
        Assert.Equal(deleted.ItemId, Assert.Single(record.DeletedItemIds));
        Assert.Empty(record.Items);
    }

    [Fact]
    public async Task ClientSecret_MintedThroughTheClient_OpensASession()
    {
        await using var server = await SimulatorServer.StartAsync();
        var client = new RealtimeClient(new ApiKeyCredential(SimulatorServer.ApiKey), new RealtimeClientOptions { Endpoint = new Uri(server.BaseUri, "/v1") });

        var secret = (await client.CreateRealtimeClientSecretAsync(new CreateClientSecretOptions()).WaitAsync(Deadline)).Value;
        var withSecret = new RealtimeClient(new ApiKeyCredential("unused"), new RealtimeClientOptions { Endpoint = new Uri(server.BaseUri, "/v1") });
        using var session = await withSecret.StartConversationSessionAsync(SimulatorServer.Model, new RealtimeSessionClientOptions { ClientSecret = secret.Value }).WaitAsync(Deadline);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        var created = await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        Assert.StartsWith("ek_", secret.Value, StringComparison.Ordinal);
        Assert.InRange(secret.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(590), DateTimeOffset.UtcNow.AddSeconds(601));
        Assert.NotNull(created.Session);
    }
}
