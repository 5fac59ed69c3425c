using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Protocol.Benchmarks;

/// <summary>
/// The hot path: parse and write of <c>input_audio_buffer.append</c> and <c>response.output_audio.delta</c> with a
/// 100 ms PCM16 chunk (4,800 bytes), beside plain <see cref="Convert.FromBase64String(string)"/> /
/// <see cref="Convert.ToBase64String(byte[])"/> of the same bytes in the same run.
/// </summary>
[MemoryDiagnoser]
public class AudioEventBenchmarks : IDisposable
{
    public const int ChunkBytes = 4800;

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private byte[] _audio = [];
    private string _base64 = string.Empty;
    private byte[] _appendFrame = [];
    private byte[] _deltaFrame = [];
    private byte[] _transcriptFrame = [];
    private InputAudioBufferAppendEvent _append = new();
    private ResponseOutputAudioDeltaEvent _delta = new();

    [GlobalSetup]
    public void Setup()
    {
        _audio = new byte[ChunkBytes];
        new Random(42).NextBytes(_audio);
        _base64 = Convert.ToBase64String(_audio);
        _appendFrame = Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","event_id":"event_AKtKy9a4DypXCQ2d3rsvG","audio":"{{_base64}}"}""");
        _deltaFrame = Encoding.UTF8.GetBytes($$"""{"type":"response.output_audio.delta","event_id":"event_CCXGRyhTGUdAQrEPs6A0e","response_id":"resp_CCXGRLbp4g7SDqZ2yxShM","item_id":"item_CCXGRxbY0n6WE4EszhF5w","output_index":0,"content_index":0,"delta":"{{_base64}}"}""");
        _transcriptFrame = Encoding.UTF8.GetBytes("""{"type":"response.output_audio_transcript.delta","event_id":"event_CCXGRxsAimPAs8kS2Wc7Z","response_id":"resp_CCXGRLbp4g7SDqZ2yxShM","item_id":"item_CCXGRxbY0n6WE4EszhF5w","output_index":0,"content_index":0,"delta":"Hello there"}""");
        _append = new InputAudioBufferAppendEvent(_audio) { EventId = "event_AKtKy9a4DypXCQ2d3rsvG" };
        _delta = new ResponseOutputAudioDeltaEvent(_audio)
        {
            EventId = "event_CCXGRyhTGUdAQrEPs6A0e",
            ResponseId = "resp_CCXGRLbp4g7SDqZ2yxShM",
            ItemId = "item_CCXGRxbY0n6WE4EszhF5w",
            OutputIndex = 0,
            ContentIndex = 0,
        };
    }

    /// <summary>The events borrow <see cref="_audio"/>; disposing them is a formality.</summary>
    public void Dispose()
    {
        _append.Dispose();
        _delta.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "raw Convert.FromBase64String")]
    public byte[] RawFromBase64String() => Convert.FromBase64String(_base64);

    [Benchmark(Description = "raw Convert.ToBase64String")]
    public string RawToBase64String() => Convert.ToBase64String(_audio);

    [Benchmark(Description = "parse input_audio_buffer.append")]
    public int ParseAppend()
    {
        using var append = (InputAudioBufferAppendEvent)RealtimeProtocol.ParseClientEvent(_appendFrame, ProtocolDialect.GA).Event!;
        return append.Audio.Length;
    }

    [Benchmark(Description = "write input_audio_buffer.append")]
    public int WriteAppend()
    {
        _output.ResetWrittenCount();
        RealtimeProtocol.TryWrite(_append, ProtocolDialect.GA, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "parse response.output_audio.delta")]
    public int ParseDelta()
    {
        using var delta = (ResponseOutputAudioDeltaEvent)RealtimeProtocol.ParseServerEvent(_deltaFrame, ProtocolDialect.GA).Event!;
        return delta.Delta.Length;
    }

    [Benchmark(Description = "write response.output_audio.delta")]
    public int WriteDelta()
    {
        _output.ResetWrittenCount();
        RealtimeProtocol.TryWrite(_delta, ProtocolDialect.GA, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "parse transcript delta (general path, for scale)")]
    public object ParseTranscriptDelta() => RealtimeProtocol.ParseServerEvent(_transcriptFrame, ProtocolDialect.GA).Event!;
}
