using System.Text.Json.Nodes;
using RealtimeGrains.Protocol.Tests.Samples;

namespace RealtimeGrains.Protocol.Tests.Session;

public class SessionConfigTests
{
    private static SessionConfig ParseSessionUpdate(string json, ProtocolDialect dialect = ProtocolDialect.Beta)
    {
        var result = RealtimeProtocol.ParseClientEvent(ProtocolSamples.Utf8(json), dialect);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return ((SessionUpdateEvent)result.Event).Session!;
    }

    [Fact]
    public void BetaDefaults_MatchTheSeedSessionCreated()
    {
        var seed = ProtocolSamples.Find(ProtocolDialect.Beta, client: false, "session.created");
        var seedSession = JsonNode.Parse(seed)!["session"]!;
        var session = SessionDefaults.Create(
            ProtocolDialect.Beta,
            "gpt-4o-mini-realtime-preview-2024-12-17",
            "SessionIdRedacted",
            DateTimeOffset.FromUnixTimeSeconds(1745702930),
            voice: "verse");
        session.Instructions = seedSession["instructions"]!.GetValue<string>();

        var written = RealtimeProtocol.ToJsonString(new SessionCreatedEvent { EventId = "event_BQgtmli1Rse8PXgSowx55", Session = session }, ProtocolDialect.Beta);
        JsonAssert.Equivalent(seed, written);
    }

    [Fact]
    public void GaDefaults_MatchTheGaSessionCreated()
    {
        var sample = ProtocolSamples.Find(ProtocolDialect.GA, client: false, "session.created");
        var session = SessionDefaults.Create(
            ProtocolDialect.GA,
            "gpt-realtime-2025-08-28",
            "sess_C9G5QPteg4UIbotdKLoYQ",
            DateTimeOffset.FromUnixTimeSeconds(1756324625),
            voice: "marin");
        session.Instructions = JsonNode.Parse(sample)!["session"]!["instructions"]!.GetValue<string>();
        session.Truncation = null; // the sample (OpenAI session.created) omits it; client-secret responses show "auto"

        var written = RealtimeProtocol.ToJsonString(new SessionCreatedEvent { EventId = "event_C9G5RJeJ2gF77mV7f2B1j", Session = session }, ProtocolDialect.GA);
        JsonAssert.Equivalent(sample, written);
    }

    [Fact]
    public void ApplyUpdate_AbsentFieldsStay_PresentReplace_ExplicitNullClears()
    {
        var effective = SessionDefaults.Create(ProtocolDialect.Beta, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var update = ParseSessionUpdate("""{"type":"session.update","session":{"instructions":"Be brief.","turn_detection":null,"input_audio_transcription":{"model":"whisper-1"}}}""");

        var next = effective.ApplyUpdate(update);

        Assert.Equal("Be brief.", next.Instructions);
        Assert.Null(next.TurnDetection);
        Assert.True(next.IsExplicitNull(SessionFields.TurnDetection));
        Assert.Equal("whisper-1", next.InputAudioTranscription!.Model);
        Assert.False(next.IsExplicitNull(SessionFields.InputAudioTranscription));
        Assert.Equal("alloy", next.Voice);                 // absent: unchanged
        Assert.Equal(0.8, next.Temperature);
        Assert.NotNull(effective.TurnDetection);           // the original is not changed

        var json = JsonNode.Parse(RealtimeProtocol.ToJsonString(new SessionUpdatedEvent { Session = next }, ProtocolDialect.Beta)!)!["session"]!.AsObject();
        Assert.True(json.ContainsKey("turn_detection") && json["turn_detection"] is null);
        Assert.Equal("whisper-1", json["input_audio_transcription"]!["model"]!.GetValue<string>());
    }

    [Fact]
    public void ApplyUpdate_GaNestedNull_DisablesVad_AndIsWrittenNested()
    {
        var effective = SessionDefaults.Create(ProtocolDialect.GA, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var update = ParseSessionUpdate("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""", ProtocolDialect.GA);

        var next = effective.ApplyUpdate(update);

        Assert.Null(next.TurnDetection);
        var input = JsonNode.Parse(RealtimeProtocol.ToJsonString(new SessionUpdatedEvent { Session = next }, ProtocolDialect.GA)!)!["session"]!["audio"]!["input"]!.AsObject();
        Assert.True(input.ContainsKey("turn_detection") && input["turn_detection"] is null);
        Assert.Equal("audio/pcm", input["format"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ApplyUpdate_SetExplicitNullInCode_ClearsTheField()
    {
        var effective = SessionDefaults.Create(ProtocolDialect.Beta, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var update = new SessionConfig();
        update.SetExplicitNull(SessionFields.TurnDetection);

        Assert.Null(effective.ApplyUpdate(update).TurnDetection);
        Assert.NotNull(effective.ApplyUpdate(new SessionConfig()).TurnDetection);
    }

    [Fact]
    public void ApplyUpdate_ValueAfterNull_ReplacesTheNull()
    {
        var effective = SessionDefaults.Create(ProtocolDialect.Beta, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var off = effective.ApplyUpdate(ParseSessionUpdate("""{"type":"session.update","session":{"turn_detection":null}}"""));
        var on = off.ApplyUpdate(ParseSessionUpdate("""{"type":"session.update","session":{"turn_detection":{"type":"semantic_vad","eagerness":"high"}}}"""));

        Assert.Equal("semantic_vad", on.TurnDetection!.Type);
        Assert.False(on.IsExplicitNull(SessionFields.TurnDetection));
    }

    [Fact]
    public void ApplyUpdate_MergesUnknownFields()
    {
        var effective = SessionDefaults.Create(ProtocolDialect.Beta, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var next = effective.ApplyUpdate(ParseSessionUpdate("""{"type":"session.update","session":{"future":{"a":1}}}"""));
        Assert.True(next.ExtensionData!.ContainsKey("future"));
    }

    [Fact]
    public void Clone_IsDeep()
    {
        var original = SessionDefaults.Create(ProtocolDialect.GA, "m", "sess_1", DateTimeOffset.UnixEpoch);
        var clone = original.Clone();
        clone.TurnDetection!.Threshold = 0.9;
        clone.Tools!.Add(RealtimeTool.Function("f", null, null));

        Assert.Equal(0.5, original.TurnDetection!.Threshold);
        Assert.Empty(original.Tools!);
        Assert.True(clone.IsExplicitNull(SessionFields.InputAudioTranscription));
    }

    [Theory]
    [InlineData("""{"modalities":["text"]}""", false)]
    [InlineData("""{"modalities":["audio","text"]}""", true)]
    [InlineData("""{}""", true)]
    public void OutputsAudio_FollowsModalities(string session, bool expected) =>
        Assert.Equal(expected, ParseSessionUpdate($$"""{"type":"session.update","session":{{session}}}""").OutputsAudio);
}
