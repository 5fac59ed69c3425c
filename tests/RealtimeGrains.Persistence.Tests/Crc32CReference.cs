namespace RealtimeGrains.Persistence.Tests;

/// <summary>A bit-by-bit CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), independent of the provider's code.</summary>
internal static class Crc32CReference
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
