using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Text and audio turns through the grain to the simulator and back to an observer.</summary>
public sealed class TurnTests
{
    [Fact]
    public async Task TextTurn_EventsReachObserverInOrder_AndConversationHoldsBothItems()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("text-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("hello there").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        var types = observer.ServerEventTypes;
        var created = types.IndexOf("response.created");
        var firstAudio = types.IndexOf("response.output_audio.delta");
        var transcriptDone = types.IndexOf("response.output_audio_transcript.done");
        var done = types.IndexOf("response.done");
        Assert.True(created >= 0 && created < firstAudio && firstAudio < transcriptDone && transcriptDone < done, string.Join(", ", types));
        Assert.True(types.IndexOf("conversation.item.done") < created, "the user item is confirmed before the response starts");

        var conversation = await session.GetConversationAsync().Within("read conversation");
        Assert.Collection(
            conversation.Items,
            user => Assert.Equal(("user", "hello there"), (user.Role!, user.Words!)),
            assistant =>
            {
                Assert.Equal(("assistant", "You said: hello there", "completed"), (assistant.Role!, assistant.Words!, assistant.Status));
                Assert.True(assistant.HasAudio && assistant.AudioMs > 0);
            });
        Assert.Equal(1, conversation.Usage.Responses);
        Assert.True(conversation.Usage.TotalTokens > 0);
    }

    [Fact]
    public async Task AudioTurn_ServerVadCommitsSpeech_TranscriptAndReplyReachObserver()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("audio-" + Guid.NewGuid().ToString("N"));
        await session.ConfigureAsync(new RealtimeSessionSettings { TranscriptionModel = "whisper-1", TurnDetection = "server_vad" }).Within("configure");
        var observer = await silo.AttachAsync(session);

        foreach (var chunk in TestAudio.Chunks(TestAudio.Speech("what time is it")))
        {
            await session.AppendAudioAsync(chunk).Within("append audio");
        }

        await observer.WaitForEventAsync("response.done");
        await observer.WaitForEventAsync("conversation.item.input_audio_transcription.completed");

        var types = observer.ServerEventTypes;
        Assert.True(types.IndexOf("input_audio_buffer.speech_started") < types.IndexOf("input_audio_buffer.committed"));
        Assert.True(types.IndexOf("input_audio_buffer.committed") < types.IndexOf("response.created"));
        var conversation = await session.GetConversationAsync().Within("read conversation");
        Assert.Equal(["what time is it", "You said: what time is it"], conversation.Items.Select(i => i.Words));
        Assert.True(conversation.Items[0].HasAudio);

        var upstream = simulator.Latest;
        Assert.Equal(conversation.Items.Select(i => i.Id), upstream.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Turn_ThroughAnExternalClient_EveryCallSerialized_WorksTheSame()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, viaClient: true);
        var session = silo.Session("serialized-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("over the wire").Within("send text");
        await session.CreateResponseAsync(new ResponseOverrides { OutputModalities = ["text"] }).Within("create response");
        await observer.WaitForEventAsync("response.done");

        Assert.Contains("response.output_text.delta", observer.ServerEventTypes);
        var conversation = await session.GetConversationAsync().Within("read conversation");
        Assert.Equal("You said: over the wire", conversation.Items[^1].Words);
    }

    [Fact]
    public async Task SecondObserver_FirstReceivesConversationSoFar()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("late-" + Guid.NewGuid().ToString("N"));
        var first = await silo.AttachAsync(session);
        await session.SendTextAsync("remember me").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await first.WaitForEventAsync("response.done");

        var second = await silo.AttachAsync(session);

        var snapshot = second.Events[0];
        Assert.Equal(SessionEventKind.Conversation, snapshot.Kind);
        Assert.Equal(["remember me", "You said: remember me"], snapshot.Items!.Select(i => i.Words));
    }
}
