using System.Text;
using RealtimeGrains.Protocol.Tests.Samples;

namespace RealtimeGrains.Protocol.Tests.Parsing;

/// <summary>Every error path of the parser gives a typed error value with code, param and the client's event_id.</summary>
public class MalformedInputTests
{
    private static ProtocolError ClientError(string json, ProtocolDialect dialect = ProtocolDialect.Beta, ProtocolLimits? limits = null)
    {
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), dialect, limits);
        Assert.False(result.IsSuccess, $"parsed as {result.Event?.GetType().Name}");
        Assert.Equal(ProtocolErrorCodes.InvalidRequestError, result.Error.Type);
        return result.Error;
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("{\"type\":\"input_audio_buffer.commit\"} trailing")]
    [InlineData("{\"type\":\"input_audio_buffer.commit\",}")]
    public void NotJson_ReturnsInvalidJson(string json)
    {
        var error = ClientError(json);
        Assert.Equal(ProtocolErrorCodes.InvalidJson, error.Code);
        Assert.Null(error.Param);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"session.update\"")]
    [InlineData("42")]
    public void NotAnObject_ReturnsInvalidJson(string json) =>
        Assert.Equal(ProtocolErrorCodes.InvalidJson, ClientError(json).Code);

    [Fact]
    public void TooDeep_ReturnsInvalidJson()
    {
        var json = "{\"type\":\"session.update\",\"session\":" + string.Concat(Enumerable.Repeat("{\"a\":", 80)) + "1" + new string('}', 81);
        Assert.Equal(ProtocolErrorCodes.InvalidJson, ClientError(json).Code);
    }

    [Fact]
    public void MissingType_ReturnsInvalidEvent_EchoingEventId()
    {
        var error = ClientError("""{"event_id":"evt_client_1","item_id":"item_1"}""");
        Assert.Equal(ProtocolErrorCodes.InvalidEvent, error.Code);
        Assert.Equal("The 'type' field is missing.", error.Message);
        Assert.Equal("evt_client_1", error.EventId);
    }

    [Fact]
    public void TypeNotAString_ReturnsInvalidType_OnType()
    {
        var error = ClientError("""{"event_id":"e1","type":5}""");
        Assert.Equal(ProtocolErrorCodes.InvalidType, error.Code);
        Assert.Equal("type", error.Param);
        Assert.Equal("e1", error.EventId);
    }

    [Theory]
    [InlineData(ProtocolDialect.Beta, """{"event_id":"e2","type":"conversation.item.truncate","item_id":"item_1","content_index":0,"audio_end_ms":"1500"}""", "audio_end_ms")]
    [InlineData(ProtocolDialect.Beta, """{"event_id":"e2","type":"session.update","session":{"instructions":5}}""", "session.instructions")]
    [InlineData(ProtocolDialect.Beta, """{"event_id":"e2","type":"session.update","session":{"turn_detection":{"type":"server_vad","threshold":"high"}}}""", "session.turn_detection.threshold")]
    [InlineData(ProtocolDialect.GA, """{"event_id":"e2","type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":7}}}}""", "session.audio.output.voice")]
    [InlineData(ProtocolDialect.Beta, """{"event_id":"e2","type":"conversation.item.create","item":{"type":"message","content":[{"type":"input_text","text":["x"]}]}}""", "item.content[0].text")]
    [InlineData(ProtocolDialect.Beta, """{"event_id":"e2","type":"session.update","session":{"input_audio_format":17}}""", "session.input_audio_format")]
    public void WrongFieldType_ReturnsInvalidType_WithWirePath(ProtocolDialect dialect, string json, string param)
    {
        var error = ClientError(json, dialect);
        Assert.Equal(ProtocolErrorCodes.InvalidType, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Equal("e2", error.EventId);
        Assert.Contains(param, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event_id":"e3","type":"session.update","session":{"max_response_output_tokens":"lots"}}""", "session.max_response_output_tokens")]
    [InlineData("""{"event_id":"e3","type":"session.update","session":{"max_response_output_tokens":0}}""", "session.max_response_output_tokens")]
    [InlineData("""{"event_id":"e3","type":"response.create","response":{"tool_choice":{"type":"function"}}}""", "response.tool_choice")]
    [InlineData("""{"event_id":"e3","type":"session.update","session":{"input_audio_format":{"rate":24000}}}""", "session.input_audio_format")]
    public void BadValue_ReturnsInvalidValue_WithWirePath(string json, string param)
    {
        var error = ClientError(json);
        Assert.Equal(ProtocolErrorCodes.InvalidValue, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Equal("e3", error.EventId);
    }

    [Fact]
    public void OversizedString_ReturnsStringAboveMaxLength_WithPath()
    {
        var limits = new ProtocolLimits { MaxStringLength = 16 };
        var error = ClientError("""{"event_id":"e4","type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"this text is longer than sixteen"}]}}""", limits: limits);
        Assert.Equal(ProtocolErrorCodes.StringAboveMaxLength, error.Code);
        Assert.Equal("item.content[0].text", error.Param);
        Assert.Equal("e4", error.EventId);
        Assert.Contains("maximum length 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizedEscapedString_IsMeasuredAfterUnescaping()
    {
        var limits = new ProtocolLimits { MaxStringLength = 8 };
        // 8 characters, 48 bytes as written: within the limit.
        var ok = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes("""{"type":"session.update","session":{"instructions":"\u0041\u0042\u0043\u0044\u0045\u0046\u0047\u0048"}}"""), ProtocolDialect.Beta, limits);
        Assert.True(ok.IsSuccess, ok.Error?.ToString());
    }

    [Fact]
    public void OversizedEventId_ReturnsStringAboveMaxLength_OnEventId()
    {
        var error = ClientError($$"""{"event_id":"{{new string('e', 513)}}","type":"input_audio_buffer.commit"}""");
        Assert.Equal(ProtocolErrorCodes.StringAboveMaxLength, error.Code);
        Assert.Equal("event_id", error.Param);
        Assert.Null(error.EventId);
    }

    [Fact]
    public void OversizedFrame_ReturnsEventTooLarge()
    {
        var error = ClientError("""{"type":"input_audio_buffer.commit","event_id":"e5"}""", limits: new ProtocolLimits { MaxFrameBytes = 20 });
        Assert.Equal(ProtocolErrorCodes.EventTooLarge, error.Code);
    }

    [Fact]
    public void OversizedAudio_ReturnsStringAboveMaxLength_OnAudio()
    {
        var audio = Convert.ToBase64String(new byte[200]);
        var error = ClientError($$"""{"event_id":"e6","type":"input_audio_buffer.append","audio":"{{audio}}"}""", limits: new ProtocolLimits { MaxAudioBytes = 100 });
        Assert.Equal(ProtocolErrorCodes.StringAboveMaxLength, error.Code);
        Assert.Equal("audio", error.Param);
        Assert.Equal("e6", error.EventId);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAA")]
    [InlineData("AA==AA==")]
    public void InvalidBase64Audio_ReturnsInvalidValue_OnAudio(string audio)
    {
        var error = ClientError($$"""{"event_id":"e7","type":"input_audio_buffer.append","audio":"{{audio}}"}""");
        Assert.Equal(ProtocolErrorCodes.InvalidValue, error.Code);
        Assert.Equal("audio", error.Param);
        Assert.Equal("e7", error.EventId);
    }

    [Fact]
    public void InvalidBase64AudioDelta_FromServer_ReturnsInvalidValue_OnDelta()
    {
        var result = RealtimeProtocol.ParseServerEvent(Encoding.UTF8.GetBytes("""{"type":"response.output_audio.delta","event_id":"event_1","delta":"%%%"}"""), ProtocolDialect.GA);
        Assert.False(result.IsSuccess);
        Assert.Equal(ProtocolErrorCodes.InvalidValue, result.Error.Code);
        Assert.Equal("delta", result.Error.Param);
    }

    [Fact]
    public void AudioNotAString_ReturnsInvalidType()
    {
        var error = ClientError("""{"event_id":"e8","type":"input_audio_buffer.append","audio":[1,2]}""");
        Assert.Equal(ProtocolErrorCodes.InvalidType, error.Code);
        Assert.Equal("audio", error.Param);
    }

    [Theory]
    [InlineData("""{"event_id":"e9","type":"input_audio_buffer.append"}""", "audio")]
    [InlineData("""{"event_id":"e9","type":"conversation.item.truncate","item_id":"item_1","content_index":0}""", "audio_end_ms")]
    [InlineData("""{"event_id":"e9","type":"conversation.item.delete"}""", "item_id")]
    [InlineData("""{"event_id":"e9","type":"conversation.item.retrieve"}""", "item_id")]
    [InlineData("""{"event_id":"e9","type":"conversation.item.create"}""", "item")]
    [InlineData("""{"event_id":"e9","type":"session.update"}""", "session")]
    public void MissingRequiredField_ReturnsMissingRequiredParameter(string json, string param)
    {
        var error = ClientError(json);
        Assert.Equal(ProtocolErrorCodes.MissingRequiredParameter, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Equal($"Missing required parameter: '{param}'.", error.Message);
        Assert.Equal("e9", error.EventId);
    }

    [Fact]
    public void GaSessionUpdate_WithoutSessionType_ReturnsMissingRequiredParameter_OnSessionType()
    {
        const string json = """{"event_id":"e10","type":"session.update","session":{"instructions":"hi"}}""";
        var error = ClientError(json, ProtocolDialect.GA);
        Assert.Equal(ProtocolErrorCodes.MissingRequiredParameter, error.Code);
        Assert.Equal("session.type", error.Param);
        Assert.Equal("e10", error.EventId);

        // Beta has no session.type: the same event is fine there.
        Assert.True(RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta).IsSuccess);
    }

    [Fact]
    public void ErrorFromParse_WritesAsErrorEvent_WithExplicitNulls()
    {
        var error = ClientError("""{"item_id":"x"}""");
        var json = RealtimeProtocol.ToJsonString(ErrorEvent.From(error), ProtocolDialect.GA)!;
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal("error", node["type"]!.GetValue<string>());
        Assert.StartsWith("event_", node["event_id"]!.GetValue<string>(), StringComparison.Ordinal);
        var inner = node["error"]!.AsObject();
        Assert.Equal("invalid_event", inner["code"]!.GetValue<string>());
        Assert.True(inner.ContainsKey("param") && inner["param"] is null);
        Assert.True(inner.ContainsKey("event_id") && inner["event_id"] is null);
    }

    private static readonly byte[] Noise = "{}[]\":,0a\\ \u00ff\u0001"u8.ToArray();

    [Fact]
    public void MutatedSamples_NeverThrow()
    {
        // Truncations and byte flips of every sample: each parse returns a value (event or error), never an exception.
        var random = new Random(20261121);
        var samples = new[] { "beta-client.jsonl", "ga-client.jsonl", "beta-server.jsonl", "ga-server.jsonl" }.SelectMany(ProtocolSamples.Lines).ToList();
        var parsed = 0;
        foreach (var sample in samples)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            for (var i = 0; i < 40; i++)
            {
                var mutated = i % 2 == 0 ? bytes[..random.Next(bytes.Length)] : (byte[])bytes.Clone();
                if (i % 2 == 1)
                {
                    for (var flips = 0; flips < 3; flips++)
                    {
                        mutated[random.Next(mutated.Length)] = Noise[random.Next(Noise.Length)];
                    }
                }

                foreach (var dialect in new[] { ProtocolDialect.Beta, ProtocolDialect.GA })
                {
                    var client = RealtimeProtocol.ParseClientEvent(mutated, dialect);
                    var server = RealtimeProtocol.ParseServerEvent(mutated, dialect);
                    Assert.True(client.IsSuccess || client.Error is not null);
                    Assert.True(server.IsSuccess || server.Error is not null);
                    // Every failure maps to a specific code, never to the catch-all.
                    Assert.False((client.Error?.Message ?? string.Empty).Contains("could not be read", StringComparison.Ordinal), client.Error?.Message + " :: " + Encoding.UTF8.GetString(mutated));
                    Assert.False((server.Error?.Message ?? string.Empty).Contains("could not be read", StringComparison.Ordinal), server.Error?.Message + " :: " + Encoding.UTF8.GetString(mutated));
                    (client.Event as IDisposable)?.Dispose();
                    (server.Event as IDisposable)?.Dispose();
                    parsed++;
                }
            }
        }

        Assert.True(parsed > 1000);
    }
}
