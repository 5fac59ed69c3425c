using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Transcripts;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Transcripts;

/// <summary>What the transcript is built from: item timestamps, per-response usage, and state written before they existed.</summary>
public sealed class TranscriptStateTests
{
    private static ServerEvent Parse(string json) => RealtimeProtocol.ParseServerEvent(System.Text.Encoding.UTF8.GetBytes(json), ProtocolDialect.GA).Event!;

    [Fact]
    public void Tracker_StampsItemsWithTheProductClock_AndKeepsEachResponsesUsage()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var state = new ConversationState();
        var tracker = new ConversationTracker(state, time);

        tracker.Apply(Parse("""{"type":"response.created","response":{"id":"resp_1","object":"realtime.response","status":"in_progress","conversation_id":"conv_1","output":[]}}"""), AudioFormat.Pcm16);
        tracker.Apply(Parse("""{"type":"conversation.item.added","previous_item_id":null,"item":{"id":"item_a","type":"message","role":"assistant","status":"in_progress","content":[]}}"""), AudioFormat.Pcm16);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        tracker.Apply(Parse("""{"type":"conversation.item.done","previous_item_id":null,"item":{"id":"item_a","type":"message","role":"assistant","status":"completed","content":[{"type":"output_audio","transcript":"Hi"}]}}"""), AudioFormat.Pcm16);
        time.Advance(TimeSpan.FromMilliseconds(100));
        tracker.Apply(Parse("""{"type":"response.done","response":{"id":"resp_1","object":"realtime.response","status":"completed","conversation_id":"conv_1","output":[{"id":"item_a","type":"message","role":"assistant","status":"completed","content":[]}],"usage":{"total_tokens":30,"input_tokens":10,"output_tokens":20}}}"""), AudioFormat.Pcm16);
        tracker.Apply(Parse("""{"type":"response.done","response":{"id":"resp_oob","object":"realtime.response","status":"completed","output":[],"usage":{"total_tokens":5,"input_tokens":2,"output_tokens":3}}}"""), AudioFormat.Pcm16);

        var item = Assert.Single(state.Items);
        Assert.Equal(start, item.CreatedAt);
        Assert.Equal(start.AddMilliseconds(1500), item.CompletedAt);
        Assert.Equal(2, state.Responses.Count);
        var first = state.Responses[0];
        Assert.Equal(("resp_1", "completed", false, start, start.AddMilliseconds(1600), 10L, 20L, 30L), (first.Id, first.Status, first.OutOfBand, first.StartedAt, first.CompletedAt, first.InputTokens, first.OutputTokens, first.TotalTokens));
        Assert.Equal(["item_a"], first.OutputItemIds);
        Assert.True(state.Responses[1].OutOfBand);
        Assert.Null(state.Responses[1].StartedAt);
        Assert.Equal((2, 35L), (state.Usage.Responses, state.Usage.TotalTokens));
    }

    [Fact]
    public void StateWrittenBeforeTimestamps_StillLoads_AndItsTranscriptHasNoTimes()
    {
        // The JSON the previous version wrote: no createdAt, no responses, no item timestamps.
        const string Old = """
            {"version":1,"items":[
              {"id":"item_u","type":"message","role":"user","status":"completed","text":"weather in Oslo?","hasAudio":false,"audioMs":0,"truncated":false},
              {"id":"item_c","type":"function_call","status":"completed","callId":"call_1","name":"lookup","arguments":"{}","hasAudio":false,"audioMs":0,"truncated":false},
              {"id":"item_o","type":"function_call_output","status":"completed","callId":"call_1","output":"{\"ok\":true}","hasAudio":false,"audioMs":0,"truncated":false}],
             "settings":{"clientTools":[{"name":"lookup","description":null,"parametersJson":null}]},
             "usage":{"responses":2,"inputTokens":4,"outputTokens":6,"totalTokens":10},"upstreamGenerations":3,"epoch":7}
            """;
        using var services = new ServiceCollection().AddLogging().AddRealtimeSessions().BuildServiceProvider();
        var serializer = services.GetRequiredService<IGrainStorageSerializer>();

        var state = serializer.Deserialize<ConversationState>(BinaryData.FromString(Old)) ?? throw new InvalidOperationException("no state");

        Assert.Equal(3, state.Items.Count);
        Assert.Null(state.CreatedAt);
        Assert.Empty(state.Responses);
        Assert.All(state.Items, i => Assert.Null(i.CreatedAt));
        var transcript = TranscriptBuilder.Build("sess_old", state, live: false);
        Assert.Equal(["user", "assistant", "tool"], transcript.Items.Select(i => i.Speaker));
        var call = transcript.Items[1].FunctionCall!;
        Assert.Equal(("client", "{\"ok\":true}", "item_o", (double?)null), (call.Executor, call.Output, call.OutputItemId, call.DurationMs));
        Assert.Equal((3, 10L), (transcript.UpstreamReplacements, transcript.Usage.TotalTokens));

        // Replayed into a new upstream session, an old item is not dated by the replay.
        var tracker = new ConversationTracker(state, new ManualTimeProvider());
        tracker.Apply(Parse("""{"type":"conversation.item.done","previous_item_id":null,"item":{"id":"item_u","type":"message","role":"user","status":"completed","content":[{"type":"input_text","text":"weather in Oslo?"}]}}"""), AudioFormat.Pcm16);
        Assert.Equal(((DateTimeOffset?)null, (DateTimeOffset?)null), (state.Items[0].CreatedAt, state.Items[0].CompletedAt));
    }
}
