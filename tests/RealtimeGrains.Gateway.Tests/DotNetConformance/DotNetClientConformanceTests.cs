using System.ClientModel;
using OpenAI.Realtime;

namespace RealtimeGrains.Gateway.Tests.DotNetConformance;

#pragma warning disable OPENAI002 // The Realtime API of the official client is marked experimental.

/// <summary>
/// The unmodified OpenAI .NET library (GA protocol), the same checks against the standalone simulator and against the
/// gateway: what an application written for the service sees must not change when it is pointed at either.
/// </summary>
public sealed class DotNetClientConformanceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly BinaryData NoParameters = BinaryData.FromString("""{"type":"object","properties":{"label":{"type":"string"}},"required":["label"]}""");

    public static TheoryData<string> Targets => new(ConformanceTarget.Simulator, ConformanceTarget.Gateway);

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task SessionUpdate_IsEchoed_WithTheClientsTool(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.ConfigureConversationSessionAsync(Options(withTool: true)).WaitAsync(Deadline);
        var updated = await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        var json = System.ClientModel.Primitives.ModelReaderWriter.Write(updated).ToString();
        Assert.Contains("\"instructions\":\"Be brief.\"", json, StringComparison.Ordinal);
        Assert.Contains("\"get_secret_number\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("get_weather", json, StringComparison.Ordinal); // the gateway's server tools stay hidden
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task TextTurn_GivesAudio_Transcript_AndUsage(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("hello conformance")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var seen = new List<RealtimeServerUpdate>();
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates, seen);

        Assert.Equal(RealtimeResponseStatus.Completed, done.Response.Status);
        Assert.NotEmpty(seen.OfType<RealtimeServerUpdateResponseOutputAudioDelta>());
        Assert.Equal("You said: hello conformance", seen.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDone>().Single().Transcript);
        Assert.True(done.Response.Usage.OutputTokenCount > 0, "response.done carries usage");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ServerVadAudioTurn_IsTranscribed_AndAnswered(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(Options(withTool: false)).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        var speech = RealtimeGrains.Simulator.Pcm16.Silence(500).Concat(RealtimeGrains.Simulator.ToneCode.Encode("good morning")).Concat(RealtimeGrains.Simulator.Pcm16.Silence(600)).ToArray();
        for (var offset = 0; offset < speech.Length; offset += 4800)
        {
            await session.SendInputAudioAsync(BinaryData.FromBytes(speech.AsMemory(offset, Math.Min(4800, speech.Length - offset)))).WaitAsync(Deadline);
        }

        var seen = new List<RealtimeServerUpdate>();
        await NextAsync<RealtimeServerUpdateInputAudioBufferSpeechStarted>(updates, seen);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates, seen);
        var transcription = seen.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>().SingleOrDefault()
            ?? await NextAsync<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>(updates, seen);

        Assert.Equal("good morning", transcription.Transcript);
        Assert.Contains(seen, u => u is RealtimeServerUpdateInputAudioBufferSpeechStopped);
        Assert.Equal("You said: good morning", seen.OfType<RealtimeServerUpdateResponseOutputAudioTranscriptDone>().Single().Transcript);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Truncate_IsAcknowledged_AtThePlayedPosition(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("abc")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates);
        var itemId = Assert.IsType<RealtimeMessageItem>(Assert.Single(done.Response.OutputItems)).Id;

        await session.TruncateItemAsync(itemId, 0, TimeSpan.FromMilliseconds(450)).WaitAsync(Deadline);
        var truncated = await NextAsync<RealtimeServerUpdateConversationItemTruncated>(updates);

        Assert.Equal(itemId, truncated.ItemId);
        Assert.Equal(TimeSpan.FromMilliseconds(450), truncated.AudioEndTime);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ForcedTool_RoundTrip_TheClientAnswers_AndTheReplyUsesItsOutput(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        var options = Options(withTool: true);
        options.ToolChoice = new RealtimeToolChoice(new RealtimeCustomFunctionToolChoice("get_secret_number"));
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("hello")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var call = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);
        await NextAsync<RealtimeServerUpdateResponseDone>(updates);
        Assert.Equal("get_secret_number", call.FunctionName);

        options.ToolChoice = new RealtimeToolChoice(RealtimeDefaultToolChoice.Auto);
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateFunctionCallOutputItem(call.CallId, "{\"number\":4711}")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var transcript = await NextAsync<RealtimeServerUpdateResponseOutputAudioTranscriptDone>(updates);

        Assert.Contains("4711", transcript.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task AutoToolChoice_TextNamingTheTool_CallsIt(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.ConfigureConversationSessionAsync(Options(withTool: true)).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("Please call get_secret_number for the label alpha")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var call = await NextAsync<RealtimeServerUpdateResponseFunctionCallArgumentsDone>(updates);

        Assert.Equal("get_secret_number", call.FunctionName);
        Assert.Contains("\"label\"", call.FunctionArguments.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Cancel_EndsTheStreamingResponseCancelled(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind, speedFactor: 1);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("please tell me a rather long story about the sea")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateResponseOutputAudioDelta>(updates);
        await session.CancelResponseAsync().WaitAsync(Deadline);
        var done = await NextAsync<RealtimeServerUpdateResponseDone>(updates);

        Assert.Equal(RealtimeResponseStatus.Cancelled, done.Response.Status);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task SecondResponse_WhileOneStreams_GetsTheServicesError(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind, speedFactor: 1);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);

        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("please tell me a rather long story about the sea")).WaitAsync(Deadline);
        await session.StartResponseAsync().WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateResponseOutputAudioDelta>(updates);
        await session.StartResponseAsync().WaitAsync(Deadline);
        var error = await NextAsync<RealtimeServerUpdateError>(updates);

        Assert.Equal("conversation_already_has_active_response", error.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task DeleteItem_IsAcknowledged(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        await session.AddItemAsync(RealtimeItem.CreateUserMessageItem("forget me")).WaitAsync(Deadline);
        var done = await NextAsync<RealtimeServerUpdateConversationItemDone>(updates);
        var id = Assert.IsType<RealtimeMessageItem>(done.Item).Id;

        await session.DeleteItemAsync(id).WaitAsync(Deadline);
        var deleted = await NextAsync<RealtimeServerUpdateConversationItemDeleted>(updates);

        Assert.Equal(id, deleted.ItemId);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task CommitOfLessThan100Ms_GetsTheServicesError(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        using var session = await ConnectAsync(target);
        await using var updates = session.ReceiveUpdatesAsync().GetAsyncEnumerator();
        await NextAsync<RealtimeServerUpdateSessionCreated>(updates);
        var options = Options(withTool: false);
        options.AudioOptions.InputAudioOptions.DisableTurnDetection();
        await session.ConfigureConversationSessionAsync(options).WaitAsync(Deadline);
        await NextAsync<RealtimeServerUpdateSessionUpdated>(updates);

        await session.SendInputAudioAsync(BinaryData.FromBytes(new byte[2400])).WaitAsync(Deadline); // 50 ms of PCM16 at 24 kHz
        await session.CommitPendingAudioAsync().WaitAsync(Deadline);
        var error = await NextAsync<RealtimeServerUpdateError>(updates);

        Assert.Equal("input_audio_buffer_commit_empty", error.Error.Code);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task WrongKey_IsRefusedAtConnect(string kind)
    {
        await using var target = await ConformanceTarget.StartAsync(kind);
        var client = new RealtimeClient(new ApiKeyCredential("not-a-valid-key"), new RealtimeClientOptions { Endpoint = target.Endpoint });

        await Assert.ThrowsAnyAsync<Exception>(() => client.StartConversationSessionAsync("gpt-realtime").WaitAsync(Deadline));
    }

    private static async Task<RealtimeSessionClient> ConnectAsync(ConformanceTarget target)
    {
        var client = new RealtimeClient(new ApiKeyCredential(await target.KeyAsync()), new RealtimeClientOptions { Endpoint = target.Endpoint });
        return await client.StartConversationSessionAsync("gpt-realtime").WaitAsync(Deadline);
    }

    private static RealtimeConversationSessionOptions Options(bool withTool)
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
            },
        };
        if (withTool)
        {
            options.Tools.Add(new RealtimeFunctionTool("get_secret_number") { FunctionDescription = "Gives the secret number of a label.", FunctionParameters = NoParameters });
        }

        return options;
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
}
