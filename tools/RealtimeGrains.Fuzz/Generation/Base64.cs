using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>Audio text: valid PCM16 base64, odd byte counts, bad characters and padding, URL-safe alphabet, whitespace.</summary>
internal static class Base64
{
    /// <summary>A base64-ish string (without quotes).</summary>
    public static Gen<string> Text { get; } =
        from bytes in Gen.Frequency((10, Gen.Choose(0, 64)), (2, Gen.Choose(65, 48_000)), (1, Gen.Choose(200_000, 400_000)))
        from style in Gen.Choose(0, 8)
        from fill in Gen.Choose(0, 255)
        select Shape(bytes, style, (byte)fill);

    /// <summary>The same as a JSON string literal.</summary>
    public static Gen<string> Literal { get; } = Text.Select(t => "\"" + t + "\"");

    /// <summary><c>input_audio_buffer.append</c> with odd audio (and sometimes an odd <c>event_id</c>).</summary>
    public static Gen<byte[]> AppendEvent { get; } =
        from audio in Gen.Frequency((4, Literal), (1, JsonGen.WrongValue))
        from id in Gen.Elements("", ",\"event_id\":\"a1\"", ",\"event_id\":null", ",\"event_id\":[]", ",\"event_id\":\"" + new string('i', 600) + "\"")
        select Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","audio":{{audio}}{{id}}}""");

    private static string Shape(int length, int style, byte fill)
    {
        var pcm = new byte[length];
        Array.Fill(pcm, fill);
        var valid = Convert.ToBase64String(pcm);
        return style switch
        {
            0 => valid, // valid, possibly an odd number of bytes
            1 => Convert.ToBase64String(new byte[length | 1]), // always odd
            2 => valid.TrimEnd('='), // no padding
            3 => valid.Replace('+', '-').Replace('/', '_'), // URL-safe alphabet
            4 => valid.Length > 4 ? valid.Insert(valid.Length / 2, " \n\t") : " ", // whitespace inside
            5 => "%%" + valid + "%%", // bad characters
            6 => valid + "==AA==", // padding in the middle
            7 => valid.Length > 1 ? valid[..^1] : "A", // truncated quantum
            _ => "data:audio/pcm;base64," + valid, // a data URL, not base64
        };
    }
}
