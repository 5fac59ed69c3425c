using System.Buffers;
using System.Buffers.Text;

namespace RealtimeGrains.Protocol;

/// <summary>Base64 audio straight from/to UTF-8 bytes and pooled buffers, without intermediate strings.</summary>
public static class Base64Audio
{
    /// <summary>Length of the base64 text for <paramref name="byteCount"/> audio bytes (100 ms PCM16: 4,800 → 6,400).</summary>
    /// <param name="byteCount">Audio bytes.</param>
    public static int GetEncodedLength(int byteCount) => Base64.GetMaxEncodedToUtf8Length(byteCount);

    /// <summary>Decodes UTF-8 base64 into a pooled buffer; false (nothing rented) when the text is not valid base64.</summary>
    /// <param name="utf8Base64">Base64 text as UTF-8 (unescaped).</param>
    /// <param name="audio">The decoded audio; dispose it.</param>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Base64, out PooledAudioBuffer? audio)
    {
        if (TryDecodeToRented(utf8Base64, out var array, out var length))
        {
            audio = new PooledAudioBuffer(array, length);
            return true;
        }

        audio = null;
        return false;
    }

    /// <summary>Encodes audio as UTF-8 base64 into <paramref name="output"/>.</summary>
    /// <param name="audio">Audio bytes.</param>
    /// <param name="output">Destination.</param>
    /// <returns>Bytes written.</returns>
    public static int Encode(ReadOnlySpan<byte> audio, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = GetEncodedLength(audio.Length);
        var span = output.GetSpan(length);
        Base64.EncodeToUtf8(audio, span, out _, out var written);
        output.Advance(written);
        return written;
    }

    internal static bool TryDecodeToRented(ReadOnlySpan<byte> utf8Base64, out byte[] array, out int length)
    {
        var max = Base64.GetMaxDecodedFromUtf8Length(utf8Base64.Length);
        array = ArrayPool<byte>.Shared.Rent(Math.Max(1, max));
        var status = Base64.DecodeFromUtf8(utf8Base64, array, out var consumed, out length);
        if (status == OperationStatus.Done && consumed == utf8Base64.Length)
        {
            return true;
        }

        ArrayPool<byte>.Shared.Return(array);
        array = [];
        length = 0;
        return false;
    }
}
