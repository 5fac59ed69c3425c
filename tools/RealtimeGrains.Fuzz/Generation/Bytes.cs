using FsCheck;
using FsCheck.Fluent;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>Byte-level damage to a frame, and frames of random bytes.</summary>
internal static class Bytes
{
    /// <summary>Random bytes (sometimes a little JSON-looking).</summary>
    public static Gen<byte[]> Random { get; } =
        from length in Gen.Frequency((8, Gen.Choose(0, 256)), (1, Gen.Choose(257, 8_192)))
        from data in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(length)
        from brace in Gen.Elements(true, false)
        select brace && data.Length > 1 ? [(byte)'{', .. data[1..]] : data;

    /// <summary><paramref name="frame"/> truncated, bit-flipped, glued to a second event or to garbage, with a BOM, or UTF-16.</summary>
    public static Gen<byte[]> Damaged(byte[] frame) =>
        from kind in Gen.Choose(0, 6)
        from at in Gen.Choose(0, Math.Max(0, frame.Length - 1))
        from bit in Gen.Choose(0, 7)
        select kind switch
        {
            0 => frame[..at], // truncated
            1 => Flip(frame, at, bit),
            2 => [.. frame, .. frame], // two events in one frame
            3 => [.. frame, (byte)'x'], // trailing garbage
            4 => [0xEF, 0xBB, 0xBF, .. frame], // UTF-8 BOM
            5 => System.Text.Encoding.Unicode.GetBytes(System.Text.Encoding.UTF8.GetString(frame)), // UTF-16
            _ => [.. frame[..at], 0xC3, 0x28, .. frame[at..]], // invalid UTF-8 sequence
        };

    private static byte[] Flip(byte[] frame, int at, int bit)
    {
        var copy = (byte[])frame.Clone();
        if (copy.Length > 0)
        {
            copy[at] ^= (byte)(1 << bit);
        }

        return copy;
    }
}
