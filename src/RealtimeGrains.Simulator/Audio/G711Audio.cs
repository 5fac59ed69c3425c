using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Bridges the session's PCM16 24 kHz paths and G.711 8 kHz, using the protocol library's codec.</summary>
internal static class G711Audio
{
    /// <summary>Decodes G.711 bytes to PCM16 bytes at 8 kHz.</summary>
    public static byte[] DecodeToPcm16(ReadOnlySpan<byte> encoded, AudioEncoding encoding)
    {
        var samples = new short[encoded.Length];
        if (encoding == AudioEncoding.G711ALaw)
        {
            G711.DecodeALaw(encoded, samples);
        }
        else
        {
            G711.DecodeMuLaw(encoded, samples);
        }

        var output = new byte[samples.Length * 2];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()).CopyTo(output);
        return output;
    }

    /// <summary>Encodes PCM16 24 kHz as G.711 8 kHz (averaging each 3 samples) into <paramref name="destination"/>; returns bytes written.</summary>
    public static int EncodeFromPcm16At24k(ReadOnlySpan<byte> pcm16, AudioEncoding encoding, Span<byte> destination)
    {
        var count = Math.Min(pcm16.Length / 6, destination.Length);
        for (var i = 0; i < count; i++)
        {
            var sample = (short)((Pcm16.Sample(pcm16, i * 3) + Pcm16.Sample(pcm16, (i * 3) + 1) + Pcm16.Sample(pcm16, (i * 3) + 2)) / 3);
            destination[i] = encoding == AudioEncoding.G711ALaw ? G711.LinearToALaw(sample) : G711.LinearToMuLaw(sample);
        }

        return count;
    }
}
