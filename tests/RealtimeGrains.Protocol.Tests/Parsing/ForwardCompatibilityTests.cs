using System.Text;
using RealtimeGrains.Protocol.Tests.Samples;

namespace RealtimeGrains.Protocol.Tests.Parsing;

/// <summary>Unknown event types and unknown fields survive read → write unchanged, and are reported.</summary>
public class ForwardCompatibilityTests
{
    [Theory]
    [InlineData(ProtocolDialect.Beta)]
    [InlineData(ProtocolDialect.GA)]
    public void UnknownServerEventType_PassesThroughByteForByte(ProtocolDialect dialect)
    {
        const string json = """{"type":"response.future_thing.delta","event_id":"event_9","payload":{"nested":[1,2,{"x":null}]},"extra":true}""";
        var result = RealtimeProtocol.ParseServerEvent(Encoding.UTF8.GetBytes(json), dialect);
        var unknown = Assert.IsType<UnknownServerEvent>(result.Event);
        Assert.Equal("response.future_thing.delta", unknown.WireType);
        Assert.Equal("event_9", unknown.EventId);

        Assert.Equal(json, RealtimeProtocol.ToJsonString(unknown, ProtocolDialect.Beta));
        Assert.Equal(json, RealtimeProtocol.ToJsonString(unknown, ProtocolDialect.GA));
    }

    [Fact]
    public void UnknownClientEventType_IsKept_AndAStrictServerGetsInvalidValueOnType()
    {
        const string json = """{"type":"session.teleport","event_id":"c1"}""";
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.GA);
        var unknown = Assert.IsType<UnknownClientEvent>(result.Event);
        Assert.Equal(json, RealtimeProtocol.ToJsonString(unknown, ProtocolDialect.GA));

        var error = ProtocolErrors.UnknownEventType(unknown.WireType, ProtocolDialect.GA, unknown.EventId);
        Assert.Equal(ProtocolErrorCodes.InvalidValue, error.Code);
        Assert.Equal("type", error.Param);
        Assert.Equal("c1", error.EventId);
        Assert.Contains("'session.update'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'session.close'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSessionField_IsReportedWithPath_AndWrittenBack()
    {
        const string json = """{"type":"session.update","event_id":"c2","session":{"instructions":"hi","foo":{"bar":1},"turn_detection":{"type":"server_vad","future_knob":3}}}""";
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(["session.foo", "session.turn_detection.future_knob"], result.UnknownFields.Order(StringComparer.Ordinal));

        var error = result.UnknownParameterError!;
        Assert.Equal(ProtocolErrorCodes.UnknownParameter, error.Code);
        Assert.StartsWith("Unknown parameter: 'session.", error.Message, StringComparison.Ordinal);
        Assert.Equal("c2", error.EventId);

        JsonAssert.Equivalent(json, RealtimeProtocol.ToJsonString(result.Event, ProtocolDialect.Beta));
    }

    [Fact]
    public void UnknownGaNestedFields_AreReportedWithGaPaths_AndWrittenBack()
    {
        const string json = """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"echo_cancellation":true},"output":{"voice":"marin","volume":0.5},"spatial":"3d"},"temperature":0.7}}""";
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.GA);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(
            ["session.audio.input.echo_cancellation", "session.audio.output.volume", "session.audio.spatial", "session.temperature"],
            result.UnknownFields.Order(StringComparer.Ordinal));

        JsonAssert.Equivalent(json, RealtimeProtocol.ToJsonString(result.Event, ProtocolDialect.GA));
    }

    [Fact]
    public void UnknownFieldsInItemsAndAudioEvents_AreReportedAndKept()
    {
        const string item = """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi","cache_hint":"x"}]}}""";
        var created = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(item), ProtocolDialect.GA);
        Assert.Equal(["item.content[0].cache_hint"], created.UnknownFields);
        JsonAssert.Equivalent(item, RealtimeProtocol.ToJsonString(created.Event!, ProtocolDialect.GA));

        const string delta = """{"type":"response.output_audio.delta","event_id":"event_1","response_id":"resp_1","item_id":"item_1","output_index":0,"content_index":0,"delta":"AAAA","obfuscation":"xyz"}""";
        var parsed = RealtimeProtocol.ParseServerEvent(Encoding.UTF8.GetBytes(delta), ProtocolDialect.GA);
        Assert.Equal(["obfuscation"], parsed.UnknownFields);
        JsonAssert.Equivalent(delta, RealtimeProtocol.ToJsonString(parsed.Event!, ProtocolDialect.GA));
    }

    [Fact]
    public void ExplicitNull_And_Absent_SurviveRoundTrip()
    {
        const string withNull = """{"type":"session.update","session":{"turn_detection":null}}""";
        const string absent = """{"type":"session.update","session":{}}""";
        var a = (SessionUpdateEvent)RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(withNull), ProtocolDialect.Beta).Event!;
        var b = (SessionUpdateEvent)RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(absent), ProtocolDialect.Beta).Event!;

        Assert.True(a.Session!.IsExplicitNull(SessionFields.TurnDetection));
        Assert.False(b.Session!.IsExplicitNull(SessionFields.TurnDetection));
        JsonAssert.Equivalent(withNull, RealtimeProtocol.ToJsonString(a, ProtocolDialect.Beta));
        JsonAssert.Equivalent(absent, RealtimeProtocol.ToJsonString(b, ProtocolDialect.Beta));
    }

    [Fact]
    public void GaCustomVoiceObject_IsHeldAsItsId_AndWrittenBackAsAnObject()
    {
        const string json = """{"type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":{"id":"voice_1234"}}}}}""";
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.GA);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("voice_1234", ((SessionUpdateEvent)result.Event).Session!.Voice);
        JsonAssert.Equivalent(json, RealtimeProtocol.ToJsonString(result.Event, ProtocolDialect.GA));
    }
}
