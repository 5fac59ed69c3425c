using System.Buffers;
using RealtimeGrains.Protocol.Tests.Samples;

namespace RealtimeGrains.Protocol.Tests.Session;

/// <summary>conversation.item.created (beta) vs conversation.item.added + .done (GA), and the transcription-session names.</summary>
public class ItemEventDialectTests
{
    private static ServerEvent ParseServer(string json, ProtocolDialect dialect)
    {
        var result = RealtimeProtocol.ParseServerEvent(ProtocolSamples.Utf8(json), dialect);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Event;
    }

    [Fact]
    public void BetaItemCreated_IsAddedInTheModel_AndWrittenAsAddedToGa()
    {
        var json = ProtocolSamples.Find(ProtocolDialect.Beta, client: false, "conversation.item.created");
        var added = Assert.IsType<ConversationItemAddedEvent>(ParseServer(json, ProtocolDialect.Beta));

        var ga = RealtimeProtocol.ToJsonString(added, ProtocolDialect.GA)!;
        JsonAssert.Equivalent(json.Replace("conversation.item.created", "conversation.item.added", StringComparison.Ordinal), ga);
    }

    [Fact]
    public void GaLegacyItemCreated_ReadsAsAdded_AndIsWrittenAsAdded()
    {
        const string json = """{"type":"conversation.item.created","event_id":"event_1","previous_item_id":null,"item":{"id":"item_1","type":"message","role":"user","content":[]}}""";
        var added = Assert.IsType<ConversationItemAddedEvent>(ParseServer(json, ProtocolDialect.GA));
        Assert.Equal(EventNames.ConversationItemAdded, EventNames.WireName(added, ProtocolDialect.GA));
        JsonAssert.Equivalent(json.Replace("created", "added", StringComparison.Ordinal), RealtimeProtocol.ToJsonString(added, ProtocolDialect.GA));
    }

    [Fact]
    public void ItemDone_ToBetaPeer_IsSkipped_AndWritesNothing()
    {
        var done = new ConversationItemDoneEvent { EventId = ProtocolIds.NewEventId(), Item = RealtimeItem.UserText("hi") };
        var buffer = new ArrayBufferWriter<byte>();

        Assert.False(RealtimeProtocol.TryWrite(done, ProtocolDialect.Beta, buffer));
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Null(RealtimeProtocol.ToUtf8Bytes(done, ProtocolDialect.Beta));
        Assert.True(RealtimeProtocol.TryWrite(done, ProtocolDialect.GA, buffer));
    }

    [Fact]
    public void NewAddedEvent_WritesPreviousItemIdNull_LikeTheService()
    {
        var added = new ConversationItemAddedEvent { EventId = "event_1", Item = RealtimeItem.FunctionCallOutput("call_1", "{}") };
        JsonAssert.Equivalent(
            """{"type":"conversation.item.created","event_id":"event_1","previous_item_id":null,"item":{"type":"function_call_output","call_id":"call_1","output":"{}"}}""",
            RealtimeProtocol.ToJsonString(added, ProtocolDialect.Beta));
    }

    [Fact]
    public void GaOnlyEvent_ToBetaPeer_IsSkipped_AndFromBetaPeer_IsUnknown()
    {
        var timeout = new InputAudioBufferTimeoutTriggeredEvent { EventId = "event_1", AudioStartMs = 0, AudioEndMs = 5000, ItemId = "item_1" };
        Assert.Null(RealtimeProtocol.ToUtf8Bytes(timeout, ProtocolDialect.Beta));

        var json = ProtocolSamples.Find(ProtocolDialect.GA, client: false, "input_audio_buffer.timeout_triggered");
        Assert.IsType<UnknownServerEvent>(ParseServer(json, ProtocolDialect.Beta));
    }

    [Fact]
    public void BetaTranscriptionSessionUpdate_IsSessionUpdateOfTypeTranscription_AndGaWritesItNested()
    {
        var json = ProtocolSamples.Find(ProtocolDialect.Beta, client: true, "transcription_session.update");
        var update = Assert.IsType<SessionUpdateEvent>(RealtimeProtocol.ParseClientEvent(ProtocolSamples.Utf8(json), ProtocolDialect.Beta).Event);
        Assert.True(update.Session!.IsTranscription);

        JsonAssert.Equivalent(
            """{"type":"session.update","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-transcribe","prompt":"","language":""},"turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500},"noise_reduction":{"type":"near_field"}}},"include":["item.input_audio_transcription.logprobs"]}}""",
            RealtimeProtocol.ToJsonString(update, ProtocolDialect.GA));
    }

    [Fact]
    public void GaTranscriptionSessionUpdated_WrittenToBeta_IsTranscriptionSessionUpdated()
    {
        var json = ProtocolSamples.Lines(ProtocolSamples.File(ProtocolDialect.GA, client: false)).Last(l => l.Contains("\"transcription\"", StringComparison.Ordinal) && l.Contains("session.updated", StringComparison.Ordinal));
        var updated = Assert.IsType<SessionUpdatedEvent>(ParseServer(json, ProtocolDialect.GA));
        Assert.Equal(EventNames.BetaTranscriptionSessionUpdated, EventNames.WireName(updated, ProtocolDialect.Beta));
        var beta = RealtimeProtocol.ToJsonString(updated, ProtocolDialect.Beta)!;
        Assert.DoesNotContain("\"type\":\"transcription\"", beta, StringComparison.Ordinal);
        Assert.Contains("\"input_audio_format\":\"pcm16\"", beta, StringComparison.Ordinal);
    }
}
