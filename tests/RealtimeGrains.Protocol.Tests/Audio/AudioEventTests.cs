using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

namespace RealtimeGrains.Protocol.Tests.Audio;

/// <summary>The hot path: base64 audio straight to/from pooled buffers, and written from bytes.</summary>
public class AudioEventTests
{
    private static readonly byte[] Chunk = MakeChunk(4800);

    private static byte[] MakeChunk(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Append_ParsesToDecodedBytes()
    {
        var json = $$"""{"type":"input_audio_buffer.append","event_id":"c1","audio":"{{Convert.ToBase64String(Chunk)}}"}""";
        var result = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.GA);
        using var append = Assert.IsType<InputAudioBufferAppendEvent>(result.Event);

        Assert.Equal("c1", append.EventId);
        Assert.True(append.Audio.Span.SequenceEqual(Chunk));
        Assert.Empty(result.UnknownFields);
    }

    [Fact]
    public void Append_Dispose_ReleasesTheAudio()
    {
        var json = $$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(Chunk)}}"}""";
        var append = (InputAudioBufferAppendEvent)RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta).Event!;
        append.Dispose();
        Assert.True(append.Audio.IsEmpty);
        append.Dispose(); // idempotent
    }

    [Fact]
    public void Append_WithEscapedBase64_Decodes()
    {
        byte[] bytes = [0xFB, 0xFF, 0xBF, 0x3E];   // base64 "+/+/Pg=="
        var escaped = Convert.ToBase64String(bytes).Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);
        var json = $$"""{"type":"input_audio_buffer.append","audio":"{{escaped}}"}""";
        using var append = (InputAudioBufferAppendEvent)RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta).Event!;
        Assert.Equal(bytes, append.Audio.ToArray());
    }

    [Fact]
    public void Append_WithTypeNotFirst_StillTakesTheFastPath()
    {
        var json = $$"""{"audio":"{{Convert.ToBase64String(Chunk)}}","type":"input_audio_buffer.append"}""";
        using var append = Assert.IsType<InputAudioBufferAppendEvent>(RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes(json), ProtocolDialect.Beta).Event);
        Assert.Equal(Chunk.Length, append.Audio.Length);
    }

    [Fact]
    public void Append_WithMistypedEventId_ReturnsInvalidType()
    {
        var result = RealtimeProtocol.ParseClientEvent("""{"type":"input_audio_buffer.append","event_id":5,"audio":"AAAA"}"""u8, ProtocolDialect.Beta);
        Assert.False(result.IsSuccess);
        Assert.Equal(ProtocolErrorCodes.InvalidType, result.Error.Code);
        Assert.Equal("event_id", result.Error.Param);
    }

    [Fact]
    public void Append_WrittenFromBytes_IsTheBase64OfTheBytes()
    {
        var append = new InputAudioBufferAppendEvent(Chunk) { EventId = "c2" };
        var node = JsonNode.Parse(RealtimeProtocol.ToJsonString(append, ProtocolDialect.GA)!)!;
        Assert.Equal("input_audio_buffer.append", node["type"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(Chunk), node["audio"]!.GetValue<string>());
        append.Dispose(); // borrowed: the caller's array is untouched
        Assert.Equal(MakeChunk(4800), Chunk);
    }

    [Theory]
    [InlineData(ProtocolDialect.Beta, "response.audio.delta")]
    [InlineData(ProtocolDialect.GA, "response.output_audio.delta")]
    public void AudioDelta_WrittenFromBytes_UsesTheDialectName_AndParsesBack(ProtocolDialect dialect, string type)
    {
        var delta = new ResponseOutputAudioDeltaEvent(Chunk) { EventId = "event_1", ResponseId = "resp_1", ItemId = "item_1", OutputIndex = 0, ContentIndex = 0 };
        var buffer = new ArrayBufferWriter<byte>();
        Assert.True(RealtimeProtocol.TryWrite(delta, dialect, buffer));
        var node = JsonNode.Parse(buffer.WrittenSpan)!;
        Assert.Equal(type, node["type"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(Chunk), node["delta"]!.GetValue<string>());

        using var parsed = Assert.IsType<ResponseOutputAudioDeltaEvent>(RealtimeProtocol.ParseServerEvent(buffer.WrittenMemory, dialect).Event);
        Assert.True(parsed.Delta.Span.SequenceEqual(Chunk));
        Assert.Equal(("resp_1", "item_1", 0, 0), (parsed.ResponseId, parsed.ItemId, parsed.OutputIndex, parsed.ContentIndex));
    }

    [Fact]
    public void AudioDelta_InTheOtherDialectsName_IsUnknown()
    {
        var result = RealtimeProtocol.ParseServerEvent("""{"type":"response.audio.delta","event_id":"e","delta":"AAAA"}"""u8, ProtocolDialect.GA);
        Assert.IsType<UnknownServerEvent>(result.Event);
    }

    [Fact]
    public void ConsecutiveDeltas_WithDifferentIds_KeepTheirOwnIds()
    {
        var first = (ResponseOutputAudioDeltaEvent)RealtimeProtocol.ParseServerEvent("""{"type":"response.output_audio.delta","response_id":"resp_A","item_id":"item_A","delta":"AAAA"}"""u8, ProtocolDialect.GA).Event!;
        var second = (ResponseOutputAudioDeltaEvent)RealtimeProtocol.ParseServerEvent("""{"type":"response.output_audio.delta","response_id":"resp_A","item_id":"item_B","delta":"AAAA"}"""u8, ProtocolDialect.GA).Event!;
        Assert.Equal("item_A", first.ItemId);
        Assert.Equal("item_B", second.ItemId);
        Assert.Same(first.ResponseId, second.ResponseId); // same id reused, not re-allocated
    }

    [Fact]
    public void Base64Audio_DecodesToPooledBuffer_AndEncodesToABufferWriter()
    {
        var utf8 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Chunk));
        Assert.True(Base64Audio.TryDecode(utf8, out var pooled));
        using (pooled)
        {
            Assert.True(pooled!.Memory.Span.SequenceEqual(Chunk));
            var output = new ArrayBufferWriter<byte>();
            Assert.Equal(6400, Base64Audio.Encode(pooled.Memory.Span, output));
            Assert.Equal(utf8, output.WrittenSpan.ToArray());
        }

        Assert.False(Base64Audio.TryDecode("@@@@"u8, out var none));
        Assert.Null(none);
    }
}
