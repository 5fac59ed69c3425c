namespace RealtimeGrains.Simulator;

/// <summary>Small PCM16 helpers used by the simulator and by tests that shape their input audio.</summary>
public static class Pcm16
{
    /// <summary>Bytes of PCM16 24 kHz mono audio per millisecond.</summary>
    public const int BytesPerMs24k = 48;

    /// <summary>Resamples mono PCM16 by linear interpolation.</summary>
    /// <param name="pcm16">Little-endian PCM16 samples.</param>
    /// <param name="fromRate">Source sample rate.</param>
    /// <param name="toRate">Target sample rate.</param>
    /// <returns>Resampled PCM16 bytes.</returns>
    public static byte[] Resample(ReadOnlySpan<byte> pcm16, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        var inCount = pcm16.Length / 2;
        var outCount = (int)((long)inCount * toRate / fromRate);
        var output = new byte[outCount * 2];
        for (var i = 0; i < outCount; i++)
        {
            var position = (double)i * fromRate / toRate;
            var index = (int)position;
            var fraction = position - index;
            var a = Sample(pcm16, Math.Min(index, inCount - 1));
            var b = Sample(pcm16, Math.Min(index + 1, inCount - 1));
            WriteSample(output, i, (short)Math.Round(a + ((b - a) * fraction)));
        }

        return output;
    }

    /// <summary>Multiplies every sample by <paramref name="gain"/>, clipping at full scale.</summary>
    /// <param name="pcm16">Little-endian PCM16 samples.</param>
    /// <param name="gain">Linear gain factor.</param>
    /// <returns>Scaled PCM16 bytes.</returns>
    public static byte[] ApplyGain(ReadOnlySpan<byte> pcm16, double gain)
    {
        var output = new byte[pcm16.Length & ~1];
        for (var i = 0; i < output.Length / 2; i++)
        {
            var value = Math.Clamp(Math.Round(Sample(pcm16, i) * gain), short.MinValue, short.MaxValue);
            WriteSample(output, i, (short)value);
        }

        return output;
    }

    /// <summary>Returns <paramref name="milliseconds"/> of silence as PCM16 24 kHz mono.</summary>
    /// <param name="milliseconds">Length of the silence.</param>
    /// <returns>Zeroed PCM16 bytes.</returns>
    public static byte[] Silence(int milliseconds) => new byte[milliseconds * BytesPerMs24k];

    internal static short Sample(ReadOnlySpan<byte> pcm16, int index) =>
        (short)(pcm16[index * 2] | (pcm16[(index * 2) + 1] << 8));

    private static void WriteSample(byte[] output, int index, short value)
    {
        output[index * 2] = (byte)value;
        output[(index * 2) + 1] = (byte)(value >> 8);
    }
}
