using System.Text;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// Ready-made <c>input_audio_buffer.append</c> frames: user utterances in tone code (the simulator's VAD hears speech and
/// "transcribes" them) cut into chunks, and one silence chunk. Built once, shared by every session.
/// </summary>
internal sealed class SpeechAudio
{
    /// <summary>Said in ordinary turns; the scripted model answers "You said: …".</summary>
    public static readonly string[] Phrases = ["hello there", "how are you", "tell me a joke", "good morning", "is it raining"];

    /// <summary>Said in tool turns; the simulator rule turns it into a <see cref="SimulatorSetup.ToolName"/> call.</summary>
    public const string ToolPhrase = "what time is it";

    public SpeechAudio(int chunkMs)
    {
        ChunkMs = chunkMs;
        Silence = AppendFrame(new byte[chunkMs * 48]);
        Utterances = [.. Phrases.Select(p => Chunk(Speech(p), chunkMs).Select(AppendFrame).ToArray())];
        ToolUtterance = [.. Chunk(Speech(ToolPhrase), chunkMs).Select(AppendFrame)];
    }

    public int ChunkMs { get; }

    public byte[] Silence { get; }

    public IReadOnlyList<byte[][]> Utterances { get; }

    public byte[][] ToolUtterance { get; }

    /// <summary>The phrase in tone code without its trailing gap, so the last chunk of an utterance always carries speech.</summary>
    private static byte[] Speech(string phrase)
    {
        var pcm = ToneCode.Encode(phrase);
        var end = pcm.Length;
        while (end >= 2 && pcm[end - 1] == 0 && pcm[end - 2] == 0)
        {
            end -= 2;
        }

        return pcm[..end];
    }

    /// <summary>
    /// The same audio as base64 PCM chunks for the Node SignalR driver (its hub streams raw chunks, not events):
    /// <c>{"chunkMs":…,"silence":"…","utterances":[["…",…],…],"tool":["…",…]}</c>.
    /// </summary>
    public static string DriverJson(int chunkMs)
    {
        static string Array(IEnumerable<byte[]> chunks) => "[" + string.Join(",", chunks.Select(c => "\"" + Convert.ToBase64String(c) + "\"")) + "]";
        return $$"""{"chunkMs":{{chunkMs}},"silence":"{{Convert.ToBase64String(new byte[chunkMs * 48])}}","utterances":[{{string.Join(",", Phrases.Select(p => Array(Chunk(Speech(p), chunkMs))))}}],"tool":{{Array(Chunk(Speech(ToolPhrase), chunkMs))}}}""";
    }

    private static byte[][] Chunk(byte[] pcm, int chunkMs)
    {
        var chunkBytes = chunkMs * 48;
        var count = (pcm.Length + chunkBytes - 1) / chunkBytes;
        var chunks = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var part = new byte[chunkBytes];
            var length = Math.Min(chunkBytes, pcm.Length - (i * chunkBytes));
            pcm.AsSpan(i * chunkBytes, length).CopyTo(part);
            chunks[i] = part;
        }

        return chunks;
    }

    private static byte[] AppendFrame(byte[] pcm) =>
        Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(pcm)}}"}""");
}
