using System.Buffers.Binary;

namespace RealtimeGrains.Simulator;

/// <summary>Writes and reads mono PCM16 WAV files (for example tone-code input for a browser's fake microphone).</summary>
public static class WavFile
{
    /// <summary>Wraps mono PCM16 samples in a RIFF/WAVE container.</summary>
    /// <param name="pcm16">Little-endian PCM16 samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <returns>The WAV file bytes.</returns>
    public static byte[] Create(ReadOnlySpan<byte> pcm16, int sampleRate = ToneCode.SampleRate)
    {
        var wav = new byte[44 + pcm16.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm16.Length);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm16.Length);
        pcm16.CopyTo(span[44..]);
        return wav;
    }

    /// <summary>Writes a mono PCM16 WAV file.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="pcm16">Little-endian PCM16 samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    public static void Write(string path, ReadOnlySpan<byte> pcm16, int sampleRate = ToneCode.SampleRate) =>
        File.WriteAllBytes(path, Create(pcm16, sampleRate));

    /// <summary>Reads the samples of a mono PCM16 WAV file.</summary>
    /// <param name="wav">The file bytes.</param>
    /// <param name="sampleRate">The file's sample rate.</param>
    /// <returns>The PCM16 sample bytes.</returns>
    /// <exception cref="InvalidDataException">The file is not mono PCM16 WAV.</exception>
    public static byte[] Read(ReadOnlySpan<byte> wav, out int sampleRate)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }

        sampleRate = 0;
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = wav.Slice(position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav[(position + 4)..]);
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(wav[body..]);
                var channels = BinaryPrimitives.ReadInt16LittleEndian(wav[(body + 2)..]);
                var bits = BinaryPrimitives.ReadInt16LittleEndian(wav[(body + 14)..]);
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException("Only mono 16-bit PCM WAV is supported.");
                }

                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(wav[(body + 4)..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                var length = Math.Min(size, wav.Length - body);
                return wav.Slice(body, length & ~1).ToArray();
            }

            position = body + size + (size & 1);
        }

        throw new InvalidDataException("The WAV file has no data chunk.");
    }
}
