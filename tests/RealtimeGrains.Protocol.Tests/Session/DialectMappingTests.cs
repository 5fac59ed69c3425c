using System.Text.Json;
using System.Text.Json.Nodes;
using RealtimeGrains.Protocol.Serialization;
using RealtimeGrains.Protocol.Tests.Samples;

namespace RealtimeGrains.Protocol.Tests.Session;

/// <summary>Section 7.3: the same configuration written both ways maps to one model and back.</summary>
public class DialectMappingTests
{
    private static SessionConfig ParseUpdate(ProtocolDialect dialect)
    {
        var json = ProtocolSamples.Lines(ProtocolSamples.File(dialect, client: true))[0];
        var result = RealtimeProtocol.ParseClientEvent(ProtocolSamples.Utf8(json), dialect);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Empty(result.UnknownFields);
        return Assert.IsType<SessionUpdateEvent>(result.Event).Session!;
    }

    /// <summary>The model as neutral JSON, without the fields only one generation has.</summary>
    private static JsonNode Neutral(SessionConfig session)
    {
        var copy = session.Clone();
        copy.Type = null;          // GA only
        copy.Temperature = null;   // beta only
        copy.Modalities = copy.OutputsAudio ? ["audio"] : ["text"];
        return JsonSerializer.SerializeToNode(copy, ProtocolJson.Model.GetTypeInfo(typeof(SessionConfig)))!;
    }

    [Fact]
    public void Section73_BetaAndGaForms_MapToTheSameModel()
    {
        var beta = ParseUpdate(ProtocolDialect.Beta);
        var ga = ParseUpdate(ProtocolDialect.GA);

        Assert.True(JsonNode.DeepEquals(Neutral(beta), Neutral(ga)), $"beta: {Neutral(beta)}\nga:   {Neutral(ga)}");
        Assert.Equal(AudioFormat.Pcm16, beta.InputAudioFormat);
        Assert.Equal(AudioFormat.Pcm16, ga.OutputAudioFormat);
        Assert.Equal("alloy", ga.Voice);
        Assert.Equal(500, ga.TurnDetection!.SilenceDurationMs);
        Assert.Equal("whisper-1", ga.InputAudioTranscription!.Model);
        Assert.Equal(TokenLimit.Infinite, beta.MaxOutputTokens);
        Assert.Equal(ToolChoice.Auto, ga.ToolChoice);
        Assert.Equal(0.8, beta.Temperature);
        Assert.Equal(SessionTypes.Realtime, ga.Type);
    }

    [Fact]
    public void Section73_BetaForm_WrittenAsGa_IsTheGaForm()
    {
        var update = new SessionUpdateEvent { Session = ParseUpdate(ProtocolDialect.Beta) };
        update.Session.Type = SessionTypes.Realtime;   // GA requires it; beta has no such field

        var expected = ProtocolSamples.Lines(ProtocolSamples.File(ProtocolDialect.GA, client: true))[0];
        JsonAssert.Equivalent(expected, RealtimeProtocol.ToJsonString(update, ProtocolDialect.GA));
    }

    [Fact]
    public void Section73_GaForm_WrittenAsBeta_IsTheBetaForm()
    {
        var update = new SessionUpdateEvent { Session = ParseUpdate(ProtocolDialect.GA) };
        update.Session.Temperature = 0.8;              // beta only
        update.Session.Modalities = ["text", "audio"]; // the sample's order

        var expected = ProtocolSamples.Lines(ProtocolSamples.File(ProtocolDialect.Beta, client: true))[0];
        JsonAssert.Equivalent(expected, RealtimeProtocol.ToJsonString(update, ProtocolDialect.Beta));
    }

    [Fact]
    public void GaModalities_WrittenAsBeta_PairAudioWithText_AndBack()
    {
        var session = new SessionConfig { Modalities = ["audio"] };
        var beta = JsonNode.Parse(RealtimeProtocol.ToJsonString(new SessionUpdateEvent { Session = session }, ProtocolDialect.Beta)!)!;
        Assert.Equal("[\"audio\",\"text\"]", beta["session"]!["modalities"]!.ToJsonString());

        session.Modalities = ["text", "audio"];
        var ga = JsonNode.Parse(RealtimeProtocol.ToJsonString(new SessionUpdateEvent { Session = session }, ProtocolDialect.GA)!)!;
        Assert.Equal("[\"audio\"]", ga["session"]!["output_modalities"]!.ToJsonString());
    }

    [Fact]
    public void AssistantContentTypes_BetaTextAudio_AreOutputTextAudioInTheModel_AndPerDialectOnTheWire()
    {
        var beta = ProtocolSamples.Find(ProtocolDialect.Beta, client: false, "response.done");
        var done = Assert.IsType<ResponseDoneEvent>(RealtimeProtocol.ParseServerEvent(ProtocolSamples.Utf8(beta), ProtocolDialect.Beta).Event);
        var part = done.Response!.Output![0].Content![0];
        Assert.Equal(ContentPartTypes.OutputAudio, part.Type);

        var ga = JsonNode.Parse(RealtimeProtocol.ToJsonString(done, ProtocolDialect.GA)!)!;
        Assert.Equal("output_audio", ga["response"]!["output"]![0]!["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("alloy", ga["response"]!["audio"]!["output"]!["voice"]!.GetValue<string>());
        Assert.Equal("audio/pcm", ga["response"]!["audio"]!["output"]!["format"]!["type"]!.GetValue<string>());
        Assert.Null(ga["response"]!["temperature"]);
        Assert.Equal("[\"audio\"]", ga["response"]!["output_modalities"]!.ToJsonString());
    }

    [Fact]
    public void ResponseCreate_Beta_MaxOutputTokensAlias_IsRead_AndWrittenAsMaxResponseOutputTokens()
    {
        const string json = """{"type":"response.create","response":{"max_output_tokens":300}}""";
        var create = Assert.IsType<ResponseCreateEvent>(RealtimeProtocol.ParseClientEvent(ProtocolSamples.Utf8(json), ProtocolDialect.Beta).Event);
        Assert.Equal(TokenLimit.Of(300), create.Response!.MaxOutputTokens);
        JsonAssert.Equivalent("""{"type":"response.create","response":{"max_response_output_tokens":300}}""", RealtimeProtocol.ToJsonString(create, ProtocolDialect.Beta));
        JsonAssert.Equivalent("""{"type":"response.create","response":{"max_output_tokens":300}}""", RealtimeProtocol.ToJsonString(create, ProtocolDialect.GA));
    }

    [Fact]
    public void ToolChoice_BetaNestedForm_And_GaFlatForm_AreOneModel()
    {
        var beta = ProtocolSamples.Find(ProtocolDialect.Beta, client: true, "response.create");
        var create = Assert.IsType<ResponseCreateEvent>(RealtimeProtocol.ParseClientEvent(ProtocolSamples.Utf8(beta), ProtocolDialect.Beta).Event);
        Assert.Equal(ToolChoice.Function("calculate_sum"), create.Response!.ToolChoice);

        var ga = JsonNode.Parse(RealtimeProtocol.ToJsonString(create, ProtocolDialect.GA)!)!;
        Assert.Equal("""{"type":"function","name":"calculate_sum"}""", ga["response"]!["tool_choice"]!.ToJsonString());
    }

    [Fact]
    public void AudioFormats_BetaStrings_And_GaObjects_AreOneModel()
    {
        var update = new SessionUpdateEvent
        {
            Session = new SessionConfig { Type = SessionTypes.Realtime, InputAudioFormat = AudioFormat.G711ULaw, OutputAudioFormat = AudioFormat.G711ALaw },
        };
        JsonAssert.Equivalent(
            """{"type":"session.update","session":{"input_audio_format":"g711_ulaw","output_audio_format":"g711_alaw"}}""",
            RealtimeProtocol.ToJsonString(update, ProtocolDialect.Beta));
        JsonAssert.Equivalent(
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcmu"}},"output":{"format":{"type":"audio/pcma"}}}}}""",
            RealtimeProtocol.ToJsonString(update, ProtocolDialect.GA));
    }
}
