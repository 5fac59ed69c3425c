using RealtimeGrains.Simulator;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>Tone-coded speech the simulator "hears" as text, followed by enough silence for server VAD to end the turn.</summary>
public static class TestAudio
{
    public static byte[] Speech(string text, int silenceMs = 800)
    {
        var tone = ToneCode.Encode(text);
        var audio = new byte[tone.Length + (silenceMs * 48)];
        tone.CopyTo(audio, 0);
        return audio;
    }

    /// <summary>Splits audio into 100 ms chunks (what a client streams).</summary>
    public static IEnumerable<byte[]> Chunks(byte[] audio, int chunkMs = 100)
    {
        var size = chunkMs * 48;
        for (var offset = 0; offset < audio.Length; offset += size)
        {
            yield return audio.AsSpan(offset, Math.Min(size, audio.Length - offset)).ToArray();
        }
    }
}
