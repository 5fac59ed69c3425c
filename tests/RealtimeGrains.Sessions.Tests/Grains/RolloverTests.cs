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
        // Later upstream sessions' handshakes are hidden. The first is forwarded only if the observer was attached before
        // the first upstream was ready (the attach call that activates the grain races the connect on Orleans).
        Assert.True(observer.ServerEventTypes.Count(t => t == "session.created") <= 1, "no session.created of a later upstream session");

        Assert.Equal(4, simulator.Inspector.Sessions.Count);
        var last = simulator.Latest;
        Assert.Equal(conversation.Items.Select(i => i.Id), last.Items.Select(i => i.Id));
        Assert.Equal(conversation.Items.Select(i => i.Words), last.Items.Select(i => i.Text));
        foreach (var old in simulator.Inspector.Sessions.SkipLast(1))
        {
            await old.Closed.Within("old upstream session closed");
        }
    }

    [Fact]
    public async Task UpstreamAnnouncedExpiry_RollsOverBeforeIt_NotAReconnect_AndTurnsGoOn()
    {
        // The configured limit (1 h) is far away; the upstream says its sessions end after 5 s (expires_at of
        // session.created): the grain rolls over before that, so the service never has to close a session on it.
        await using var simulator = await SimulatorServer.StartAsync(o => o.MaxSessionDuration = TimeSpan.FromSeconds(5));
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.SessionLimit = TimeSpan.FromHours(1));
        var session = silo.Session("expiry-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("before the expiry").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        await observer.WaitForStatusAsync("upstream.rolled_over", timeout: TimeSpan.FromSeconds(30));
        await session.SendTextAsync("after the rollover").Within("send text after the rollover");
        await session.CreateResponseAsync().Within("create response after the rollover");
        await observer.WaitForEventAsync("response.done", count: 2);

        Assert.DoesNotContain(observer.Events, e => e.Kind == SessionEventKind.Status && e.Type == "upstream.reconnecting");
        Assert.DoesNotContain(observer.ServerEventTypes, t => t == "error");
        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Equal(["before the expiry", "You said: before the expiry", "after the rollover", "You said: after the rollover"], items.Select(i => i.Words));
        Assert.True(simulator.Inspector.Sessions.Count >= 2, "the second turn ran on a new upstream session");
    }
}
