using System.Text.Json.Nodes;
using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>A conversation survives the silo: file state, a new silo, a reattaching client, replay into a fresh upstream session.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "rg-sessions-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task NewSilo_ReattachingClient_GetsIdenticalItems_AndUpstreamGetsTheReplay()
    {
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            var weather = new ScriptRule { Contains = "weather", AfterToolReply = "It is {output}" };
            weather.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Oslo"}""" });
            o.Rules.Add(weather);
        });
        var sessionId = "resume-" + Guid.NewGuid().ToString("N");
        IReadOnlyList<ConversationItem> before;
        await using (var first = await SessionSilo.StartAsync(simulator, stateDirectory: _stateDirectory))
        {
            var session = first.Session(sessionId);
            await session.ConfigureAsync(new RealtimeSessionSettings { Instructions = "You are the resume test.", TranscriptionModel = "whisper-1" }).Within("configure");
            var observer = await first.AttachAsync(session);
            await session.SendTextAsync("first question").Within("send text");
            await session.CreateResponseAsync().Within("create response");
            await observer.WaitForEventAsync("response.done");
            await session.SendTextAsync("what is the weather").Within("send text");
            await session.CreateResponseAsync().Within("create response");
            await observer.WaitForEventAsync("response.done", count: 3);
            foreach (var chunk in TestAudio.Chunks(TestAudio.Speech("spoken words")))
            {
                await session.AppendAudioAsync(chunk).Within("append audio");
            }

            await observer.WaitForEventAsync("response.done", count: 4);
            await observer.WaitForEventAsync("conversation.item.input_audio_transcription.completed");
            before = (await session.GetConversationAsync().Within("read conversation")).Items;
        }

        Assert.Equal(8, before.Count); // text, answer, question, call, output, answer, speech, answer
        Assert.Single(simulator.Inspector.Sessions);

        await using var second = await SessionSilo.StartAsync(simulator, stateDirectory: _stateDirectory);
        var resumed = second.Session(sessionId);
        var client = await second.AttachAsync(resumed);

        var snapshot = client.Events[0].Items!;
        Assert.Equal(Describe(before), Describe(snapshot));

        await resumed.SendTextAsync("and now").Within("send text after resume");
        await resumed.CreateResponseAsync().Within("create response after resume");
        await client.WaitForEventAsync("response.done");

        var upstream = simulator.Latest;
        Assert.NotEqual(simulator.Inspector.Sessions[0].SessionId, upstream.SessionId);
        Assert.Equal(before.Select(i => i.Id), upstream.Items.Take(before.Count).Select(i => i.Id));
        Assert.Equal(before.Select(i => i.Words ?? i.Output ?? i.Arguments), upstream.Items.Take(before.Count).Select(i => i.Type == "message" ? i.Text : i.Output ?? i.Arguments));
        Assert.Equal("You are the resume test.", (string?)JsonNode.Parse(upstream.ConfigHistory[^1])!["instructions"]);
        var after = (await resumed.GetConversationAsync().Within("read conversation")).Items;
        Assert.Equal(["and now", "You said: and now"], after.Skip(before.Count).Select(i => i.Words));
    }

    private static List<string> Describe(IEnumerable<ConversationItem> items) =>
        [.. items.Select(i => $"{i.Id}|{i.Type}|{i.Role}|{i.Status}|{i.Words}|{i.CallId}|{i.Name}|{i.Arguments}|{i.Output}")];

    public void Dispose()
    {
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
