using System.Numerics;

namespace RealtimeGrains.Protocol;

/// <summary>
/// G.711 µ-law and A-law codecs (ITU-T G.711, 8-bit companded samples ↔ 16-bit linear PCM). Decoding uses
/// 256-entry tables; encoding is computed per sample. Sample rate is unchanged (the protocol's G.711 is 8 kHz).
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] MuLawTable = BuildTable(MuLawToLinearSlow);
    private static readonly short[] ALawTable = BuildTable(ALawToLinearSlow);

    /// <summary>Decodes one µ-law byte.</summary>
    /// <param name="value">µ-law sample.</param>
    public static short MuLawToLinear(byte value) => MuLawTable[value];

    /// <summary>Decodes one A-law byte.</summary>
    /// <param name="value">A-law sample.</param>
    public static short ALawToLinear(byte value) => ALawTable[value];

    /// <summary>Encodes one linear sample to µ-law.</summary>
    /// <param name="sample">16-bit PCM sample.</param>
    public static byte LinearToMuLaw(short sample)
    {
        int pcm = sample;
        var sign = 0;
        if (pcm < 0)
        {
            pcm = -pcm;
            sign = 0x80;
        }

        pcm = Math.Min(pcm, MuLawClip) + MuLawBias;
        // Segment = index of the highest set bit above bit 7 (pcm is in [132, 32767]).
        var exponent = Math.Max(0, 31 - BitOperations.LeadingZeroCount((uint)pcm) - 7);
        var mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>Encodes one linear sample to A-law.</summary>
    /// <param name="sample">16-bit PCM sample.</param>
    public static byte LinearToALaw(short sample)
    {
        var pcm = sample >> 3; // 13-bit magnitude domain
        int mask;
        if (pcm >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            pcm = -pcm - 1;
        }

        // Segment: 0 for pcm < 32, then one per doubling, 8 = overflow.
        var segment = pcm < 32 ? 0 : 31 - BitOperations.LeadingZeroCount((uint)pcm) - 4;
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        var value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte)(value ^ mask);
    }

    /// <summary>Decodes µ-law bytes to linear samples.</summary>
    /// <param name="source">µ-law bytes.</param>
    /// <param name="destination">At least <c>source.Length</c> samples.</param>
    public static void DecodeMuLaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, MuLawTable);

    /// <summary>Decodes A-law bytes to linear samples.</summary>
    /// <param name="source">A-law bytes.</param>
    /// <param name="destination">At least <c>source.Length</c> samples.</param>
    public static void DecodeALaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, ALawTable);

    /// <summary>Encodes linear samples to µ-law.</summary>
    /// <param name="source">PCM samples.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    public static void EncodeMuLaw(ReadOnlySpan<short> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = LinearToMuLaw(source[i]);
        }
    }

    /// <summary>Encodes linear samples to A-law.</summary>
    /// <param name="source">PCM samples.</param>
    /// <param name="destination">At least <c>source.Length</c> bytes.</param>
    public static void EncodeALaw(ReadOnlySpan<short> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = LinearToALaw(source[i]);
        }
    }

    private static void Decode(ReadOnlySpan<byte> source, Span<short> destination, short[] table)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static short[] BuildTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static short MuLawToLinearSlow(byte value)
    {
        int u = (byte)~value;
        var t = ((u & 0x0F) << 3) + MuLawBias;
        t <<= (u & 0x70) >> 4;
        return (short)((u & 0x80) != 0 ? MuLawBias - t : t - MuLawBias);
    }

    private static short ALawToLinearSlow(byte value)
    {
        int a = value ^ 0x55;
        var t = (a & 0x0F) << 4;
        var segment = (a & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (short)((a & 0x80) != 0 ? t : -t);
    }
}
