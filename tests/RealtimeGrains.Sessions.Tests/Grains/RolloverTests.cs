using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Rollover before the upstream limit: a fresh upstream session, replayed context, no lost audio, no duplicate response.</summary>
public sealed class RolloverTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task ThreeRollovers_MidUtterance_LoseNoItemAndNoAudio()
    {
        // The simulator would end each session after 30 s (a backstop: a reconnect instead of a rollover fails the test);
        // the grain moves on after 4 s of its own (manual) clock, so the swap lands mid-utterance deterministically.
        await using var simulator = await SimulatorServer.StartAsync(o => o.MaxSessionDuration = TimeSpan.FromSeconds(30));
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.SessionLimit = Limit, time);
        var session = silo.Session("rollover-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session); // attach activates the grain: the first upstream.ready comes after it
        await session.ConfigureAsync(new() { TranscriptionModel = "whisper-1" }).Within("configure");
        await observer.WaitForStatusAsync("upstream.ready");
        string[] utterances = ["first words spoken", "second words spoken", "third words spoken"];

        for (var turn = 1; turn <= utterances.Length; turn++)
        {
            // Half the utterance reaches the old upstream session, the rollover starts, the rest arrives during the swap.
            var chunks = TestAudio.Chunks(TestAudio.Speech(utterances[turn - 1])).ToList();
            var half = chunks.Count / 3;
            foreach (var chunk in chunks.Take(half))
            {
                await session.AppendAudioAsync(chunk).Within("append first part");
            }

            time.Advance(Limit);
            foreach (var chunk in chunks.Skip(half))
            {
                await session.AppendAudioAsync(chunk).Within("append during the swap");
            }

            await observer.WaitForStatusAsync("upstream.rolled_over", count: turn);
            await observer.WaitForEventAsync("response.done", count: turn);
        }

        var conversation = await session.GetConversationAsync().Within("read conversation");
        Assert.Equal(3, conversation.UpstreamGenerations);
        Assert.Equal(
            utterances.SelectMany(u => new[] { u, "You said: " + u }),
            conversation.Items.Select(i => i.Words));
        Assert.Equal(3, observer.ServerEventTypes.Count(t => t == "response.done"));
        Assert.Equal(3, observer.ServerEventTypes.Count(t => t == "response.created"));
        Assert.DoesNotContain(observer.Events, e => e.Type is "upstream.reconnecting" or "session.created" && e.Kind == SessionEventKind.Status);
        Assert.Equal(1, observer.ServerEventTypes.Count(t => t == "session.created"));

        Assert.Equal(4, simulator.Inspector.Sessions.Count);
        var last = simulator.Latest;
        Assert.Equal(conversation.Items.Select(i => i.Id), last.Items.Select(i => i.Id));
        Assert.Equal(conversation.Items.Select(i => i.Words), last.Items.Select(i => i.Text));
        foreach (var old in simulator.Inspector.Sessions.SkipLast(1))
        {
            await old.Closed.Within("old upstream session closed");
        }
    }
}
