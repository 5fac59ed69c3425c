using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Tests.Conversation;

public sealed class ConversationTrackerTests
{
    private static ServerEvent Parse(string json) => RealtimeProtocol.ParseServerEvent(System.Text.Encoding.UTF8.GetBytes(json), ProtocolDialect.GA).Event!;

    [Fact]
    public void AudioDeltas_AreCounted_ButOnlyItemDoneIsABoundary()
    {
        var state = new ConversationState();
        var tracker = new ConversationTracker(state);
        var audio = Convert.ToBase64String(new byte[4800]);

        Assert.False(tracker.Apply(Parse("""{"type":"conversation.item.added","previous_item_id":null,"item":{"id":"item_a","type":"message","role":"assistant","status":"in_progress","content":[]}}"""), AudioFormat.Pcm16));
        Assert.False(tracker.Apply(Parse($$"""{"type":"response.output_audio.delta","response_id":"r","item_id":"item_a","output_index":0,"content_index":0,"delta":"{{audio}}"}"""), AudioFormat.Pcm16));
        Assert.False(tracker.Apply(Parse("""{"type":"response.output_audio_transcript.delta","response_id":"r","item_id":"item_a","output_index":0,"content_index":0,"delta":"Hi"}"""), AudioFormat.Pcm16));
        Assert.True(tracker.Apply(Parse("""{"type":"conversation.item.done","previous_item_id":null,"item":{"id":"item_a","type":"message","role":"assistant","status":"completed","content":[{"type":"output_audio","transcript":"Hi there"}]}}"""), AudioFormat.Pcm16));

        var item = Assert.Single(state.Items);
        Assert.Equal(("Hi there", 100, "completed"), (item.Transcript!, item.AudioMs, item.Status));
        Assert.Equal(4800, tracker.ReceivedAudioBytes("item_a"));
    }

    [Fact]
    public void Truncated_SetsAudioKept_AndMarksTheItem()
    {
        var state = new ConversationState { Items = [new ConversationItem { Id = "item_a", Type = "message", Role = "assistant", AudioMs = 900, HasAudio = true }] };
        var tracker = new ConversationTracker(state);

        Assert.True(tracker.Apply(Parse("""{"type":"conversation.item.truncated","item_id":"item_a","content_index":0,"audio_end_ms":250}"""), AudioFormat.Pcm16));

        Assert.Equal((250, true), (state.Items[0].AudioMs, state.Items[0].Truncated));
    }
}
