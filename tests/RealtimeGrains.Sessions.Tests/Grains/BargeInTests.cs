using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Barge-in: observers flush, and the truncation never goes past what was played or what was received.</summary>
public sealed class BargeInTests
{
    private const string LongReply = "once upon a time there was a grain that talked for a very long while about many things";

    private static Task<SimulatorServer> StartSimulatorAsync() => SimulatorServer.StartAsync(o =>
    {
        o.SpeedFactor = 4; // real pacing, four times faster: the reply streams for about two seconds
        o.Rules.Add(new ScriptRule { Contains = "story", Reply = LongReply });
    });

    private static async Task<string> StartLongReplyAsync(IRealtimeSessionGrain session, RecordingObserver observer, int deltas)
    {
        await session.SendTextAsync("tell me a story").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        var delta = await observer.WaitForEventAsync("response.output_audio.delta", count: deltas);
        return (string)RecordingObserver.Json(delta)["item_id"]!;
    }

    /// <summary>Milliseconds of audio an observer received for <paramref name="itemId"/> before the flush.</summary>
    private static long ReceivedBeforeFlushMs(RecordingObserver observer, string itemId)
    {
        long bytes = 0;
        foreach (var e in observer.Events)
        {
            if (e.Kind == SessionEventKind.Flush)
            {
                break;
            }

            if (e.Type == "response.output_audio.delta" && (string?)RecordingObserver.Json(e)["item_id"] == itemId)
            {
                bytes += Convert.FromBase64String((string)RecordingObserver.Json(e)["delta"]!).Length;
            }
        }

        return bytes / 48;
    }

    [Fact]
    public async Task ClientInterrupt_PlayedBeyondReceived_TruncatesAtReceivedAudio()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("interrupt-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        var itemId = await StartLongReplyAsync(session, observer, deltas: 3);

        var audioEndMs = await session.InterruptAsync(playedMs: 60_000).Within("interrupt");

        var flush = await observer.WaitForAsync(e => e.Kind == SessionEventKind.Flush, "flush");
        Assert.Equal(itemId, flush.ItemId);
        var receivedMs = ReceivedBeforeFlushMs(observer, itemId);
        Assert.Equal((int)receivedMs, audioEndMs);
        Assert.True(audioEndMs < 60_000);
        await observer.WaitForEventAsync("conversation.item.truncated");
        await observer.WaitForEventAsync("response.done");
        var truncation = Assert.Single(simulator.Latest.Truncations);
        Assert.Equal((itemId, audioEndMs!.Value), (truncation.ItemId, truncation.AudioEndMs));
        Assert.Equal("cancelled", (string?)RecordingObserver.Json(observer.Events.Last(e => e.Type == "response.done"))["response"]!["status"]);
    }

    [Fact]
    public async Task SpeechStarted_WhileAssistantSpeaks_TruncatesAtPlayedAudio_AndSimulatorAgrees()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("barge-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        var itemId = await StartLongReplyAsync(session, observer, deltas: 4);
        await session.ReportPlaybackAsync(itemId, 150).Within("report playback");

        foreach (var chunk in TestAudio.Chunks(TestAudio.Speech("stop")))
        {
            await session.AppendAudioAsync(chunk).Within("append interrupting speech");
        }

        var flush = await observer.WaitForAsync(e => e.Kind == SessionEventKind.Flush, "flush");
        Assert.Equal((itemId, 150), (flush.ItemId, flush.AudioEndMs));
        Assert.True(ReceivedBeforeFlushMs(observer, itemId) >= 150);
        await observer.WaitForEventAsync("conversation.item.truncated");

        // The grain re-reads the truncated item; its record then matches the simulator's.
        var upstream = simulator.Latest;
        var truncated = await WaitForItemAsync(session, itemId, i => i.Truncated && i.Transcript == upstream.Items.Single(u => u.Id == itemId).Text);
        var upstreamItem = upstream.Items.Single(i => i.Id == itemId);
        Assert.Equal(new SimulatorTruncation(itemId, 0, 150), Assert.Single(upstream.Truncations));
        Assert.Equal((150, 150), (truncated.AudioMs, upstreamItem.AudioMs));
        Assert.Equal(upstreamItem.Text, truncated.Transcript);
        Assert.StartsWith(truncated.Transcript!, LongReply, StringComparison.Ordinal);
    }

    private static async Task<RealtimeGrains.Sessions.Conversation.ConversationItem> WaitForItemAsync(IRealtimeSessionGrain session, string itemId, Func<RealtimeGrains.Sessions.Conversation.ConversationItem, bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = (await session.GetConversationAsync().Within("read conversation")).Items.Single(i => i.Id == itemId);
            if (condition(item))
            {
                return item;
            }

            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
