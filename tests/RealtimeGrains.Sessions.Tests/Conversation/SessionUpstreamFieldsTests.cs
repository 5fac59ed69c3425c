using System.Text;
using System.Text.Json;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Tests.Conversation;

/// <summary>The pass-through session fields: captured from either generation, merged field by field, written in the upstream's own.</summary>
public sealed class SessionUpstreamFieldsTests
{
    [Fact]
    public void BetaFields_MergedFieldByField_AreWrittenToABetaUpstream_AndToAGaUpstreamInItsShape()
    {
        var first = Capture("""{"temperature":0.6,"max_response_output_tokens":200,"input_audio_noise_reduction":{"type":"far_field"},"turn_detection":{"type":"server_vad","silence_duration_ms":450}}""", ProtocolDialect.Beta);
        var second = Capture("""{"input_audio_noise_reduction":null,"max_response_output_tokens":"inf"}""", ProtocolDialect.Beta);
        var settings = new RealtimeSessionSettings { UpstreamFieldsJson = first }.Merge(new RealtimeSessionSettings { UpstreamFieldsJson = second });

        using var beta = Write(settings, ProtocolDialect.Beta);
        var session = beta.RootElement.GetProperty("session");
        Assert.Equal(0.6, session.GetProperty("temperature").GetDouble());
        Assert.Equal("inf", session.GetProperty("max_response_output_tokens").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("input_audio_noise_reduction").ValueKind);
        Assert.Equal(450, session.GetProperty("turn_detection").GetProperty("silence_duration_ms").GetInt32());

        using var ga = Write(settings, ProtocolDialect.GA);
        var input = ga.RootElement.GetProperty("session").GetProperty("audio").GetProperty("input");
        Assert.Equal(JsonValueKind.Null, input.GetProperty("noise_reduction").ValueKind);
        Assert.Equal(450, input.GetProperty("turn_detection").GetProperty("silence_duration_ms").GetInt32());
        Assert.Equal("inf", ga.RootElement.GetProperty("session").GetProperty("max_output_tokens").GetString());
    }

    [Fact]
    public void AnUpdateWithoutPassThroughFields_CapturesNothing_AndKeepsWhatWasStored()
    {
        Assert.Null(Capture("""{"instructions":"Be brief.","voice":"alloy"}""", ProtocolDialect.Beta));
        var stored = new RealtimeSessionSettings { UpstreamFieldsJson = Capture("""{"type":"realtime","tracing":"auto"}""", ProtocolDialect.GA) };

        var merged = stored.Merge(new RealtimeSessionSettings { Instructions = "Be brief." });

        using var ga = Write(merged, ProtocolDialect.GA);
        Assert.Equal("auto", ga.RootElement.GetProperty("session").GetProperty("tracing").GetString());
    }

    private static string? Capture(string sessionJson, ProtocolDialect dialect)
    {
        var parsed = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes($$"""{"type":"session.update","session":{{sessionJson}}}"""), dialect);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? null : parsed.Error.Message);
        return SessionUpstreamFields.Capture(((SessionUpdateEvent)parsed.Event!).Session!);
    }

    private static JsonDocument Write(RealtimeSessionSettings settings, ProtocolDialect dialect)
    {
        var config = new SessionConfig { Type = SessionTypes.Realtime };
        SessionUpstreamFields.ApplyTo(config, settings.UpstreamFieldsJson);
        return JsonDocument.Parse(RealtimeProtocol.ToUtf8Bytes(new SessionUpdateEvent { Session = config }, dialect)!);
    }
}
