using System.Buffers.Binary;
using System.Text;

namespace RealtimeGrains.Gateway.Tests.Transcripts;

/// <summary>A WAV file read by the test itself (not the product's code): every size in the header checked against the bytes.</summary>
public sealed record WavFile(int Channels, int SampleRate, int BitsPerSample, byte[] Data)
{
    public double DurationMs => Data.Length * 1000.0 / (SampleRate * Channels * BitsPerSample / 8);

    public static WavFile Parse(byte[] bytes)
    {
        Assert.True(bytes.Length >= 44, $"a WAV file has at least 44 bytes (got {bytes.Length})");
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(bytes.Length - 8, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        Assert.Equal("fmt ", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(16, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20))); // PCM
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22));
        var sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24));
        var byteRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28));
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32));
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34));
        Assert.Equal(sampleRate * channels * bits / 8, byteRate);
        Assert.Equal(channels * bits / 8, blockAlign);
        Assert.Equal("data", Encoding.ASCII.GetString(bytes, 36, 4));
        var dataBytes = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40));
        Assert.Equal(bytes.Length - 44, dataBytes);
        Assert.Equal(0, dataBytes % blockAlign);
        return new WavFile(channels, sampleRate, bits, bytes[44..]);
    }
}
