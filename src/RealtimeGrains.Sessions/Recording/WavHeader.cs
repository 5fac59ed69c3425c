using System.Buffers.Binary;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>The 44-byte canonical WAV header of a PCM16 24 kHz mono recording.</summary>
internal static class WavHeader
{
    public const int Size = 44;
    public const int SampleRate = 24_000;
    public const int Channels = 1;
    public const int BitsPerSample = 16;

    /// <summary>Writes the header for <paramref name="dataBytes"/> bytes of samples into <paramref name="destination"/> (44 bytes).</summary>
    public static void Write(Span<byte> destination, long dataBytes)
    {
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], 36 + data);
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], SampleRate * Channels * BitsPerSample / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], Channels * BitsPerSample / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], BitsPerSample);
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], data);
    }

    public static byte[] Create(long dataBytes)
    {
        var header = new byte[Size];
        Write(header, dataBytes);
        return header;
    }

    /// <summary>The data size a header declares (bytes 40–43), or -1 when it is not one of ours.</summary>
    public static long DataBytes(ReadOnlySpan<byte> header) =>
        header.Length >= Size && header[..4].SequenceEqual("RIFF"u8) && header[36..40].SequenceEqual("data"u8)
            ? BinaryPrimitives.ReadUInt32LittleEndian(header[40..])
            : -1;
}
