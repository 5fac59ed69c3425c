using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// An audio format: beta string (<c>pcm16</c>, <c>g711_ulaw</c>, <c>g711_alaw</c>) or GA object
/// (<c>{type:"audio/pcm",rate:24000}</c>, <c>{type:"audio/pcmu"}</c>, <c>{type:"audio/pcma"}</c>), with the
/// bytes ↔ milliseconds maths used for VAD offsets and truncation.
/// </summary>
[JsonConverter(typeof(AudioFormatJsonConverter))]
public sealed class AudioFormat : IEquatable<AudioFormat>
{
    /// <summary>PCM16 24 kHz mono: 48 bytes per ms.</summary>
    public static readonly AudioFormat Pcm16 = new(AudioEncoding.Pcm16, "pcm16", "audio/pcm", 24000, 2);

    /// <summary>G.711 µ-law 8 kHz: 8 bytes per ms.</summary>
    public static readonly AudioFormat G711ULaw = new(AudioEncoding.G711ULaw, "g711_ulaw", "audio/pcmu", 8000, 1);

    /// <summary>G.711 A-law 8 kHz: 8 bytes per ms.</summary>
    public static readonly AudioFormat G711ALaw = new(AudioEncoding.G711ALaw, "g711_alaw", "audio/pcma", 8000, 1);

    private AudioFormat(AudioEncoding encoding, string? betaName, string? gaType, int sampleRate, int bytesPerSample)
    {
        Encoding = encoding;
        BetaName = betaName;
        GaType = gaType;
        SampleRate = sampleRate;
        BytesPerSample = bytesPerSample;
    }

    /// <summary>The encoding.</summary>
    public AudioEncoding Encoding { get; }

    /// <summary>Beta wire name, e.g. <c>pcm16</c> (null for an unknown GA-only format).</summary>
    public string? BetaName { get; }

    /// <summary>GA <c>type</c>, e.g. <c>audio/pcm</c> (null for an unknown beta-only format).</summary>
    public string? GaType { get; }

    /// <summary>Samples per second (0 if unknown).</summary>
    public int SampleRate { get; }

    /// <summary>Bytes per (mono) sample (0 if unknown).</summary>
    public int BytesPerSample { get; }

    /// <summary>Bytes per millisecond: 48 for PCM16 24 kHz, 8 for G.711 (0 if unknown).</summary>
    public int BytesPerMillisecond => SampleRate * BytesPerSample / 1000;

    /// <summary>True for the three formats of the protocol.</summary>
    public bool IsKnown => Encoding != AudioEncoding.Unknown;

    /// <summary>The format for a beta name (also accepts the rtclient spellings <c>g711-ulaw</c>/<c>g711-alaw</c>); unknown names are kept.</summary>
    /// <param name="name">The beta string.</param>
    public static AudioFormat FromBetaName(string name) => name switch
    {
        "pcm16" => Pcm16,
        "g711_ulaw" or "g711-ulaw" => G711ULaw,
        "g711_alaw" or "g711-alaw" => G711ALaw,
        _ => new AudioFormat(AudioEncoding.Unknown, name, null, 0, 0),
    };

    /// <summary>The format for a GA type and rate; unknown ones are kept.</summary>
    /// <param name="type">GA <c>type</c>.</param>
    /// <param name="rate">GA <c>rate</c>, if present.</param>
    public static AudioFormat FromGa(string type, int? rate) => type switch
    {
        "audio/pcm" when rate is null or 24000 => Pcm16,
        "audio/pcmu" => G711ULaw,
        "audio/pcma" => G711ALaw,
        _ => new AudioFormat(AudioEncoding.Unknown, null, type, rate ?? 0, 0),
    };

    /// <summary>Duration of <paramref name="byteCount"/> bytes in milliseconds (fractional).</summary>
    /// <param name="byteCount">Audio length in bytes.</param>
    public double BytesToMilliseconds(long byteCount) =>
        BytesPerMillisecond == 0 ? 0 : (double)byteCount / BytesPerMillisecond;

    /// <summary>Whole milliseconds covered by <paramref name="byteCount"/> bytes (rounded down).</summary>
    /// <param name="byteCount">Audio length in bytes.</param>
    public long BytesToWholeMilliseconds(long byteCount) =>
        BytesPerMillisecond == 0 ? 0 : byteCount / BytesPerMillisecond;

    /// <summary>Bytes in <paramref name="milliseconds"/> ms of audio (whole samples; e.g. 100 ms PCM16 = 4,800).</summary>
    /// <param name="milliseconds">Duration in ms (negative is treated as 0).</param>
    public long MillisecondsToBytes(long milliseconds) => Math.Max(0, milliseconds) * BytesPerMillisecond;

    /// <summary>Rounds a byte count down to a whole number of samples (never split a PCM16 sample).</summary>
    /// <param name="byteCount">Byte count.</param>
    public long AlignToSample(long byteCount) => BytesPerSample <= 1 ? byteCount : byteCount - (byteCount % BytesPerSample);

    /// <summary>
    /// The <c>audio_end_ms</c> to send in <c>conversation.item.truncate</c>: what the client played, clamped to
    /// [0, audio actually received for the item].
    /// </summary>
    /// <param name="playedMilliseconds">What the client reports as played.</param>
    /// <param name="receivedBytes">Audio bytes received for the item.</param>
    public long ClampTruncation(long playedMilliseconds, long receivedBytes) =>
        Math.Clamp(playedMilliseconds, 0, BytesToWholeMilliseconds(receivedBytes));

    /// <inheritdoc />
    public bool Equals(AudioFormat? other) =>
        other is not null && Encoding == other.Encoding && BetaName == other.BetaName && GaType == other.GaType && SampleRate == other.SampleRate;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AudioFormat);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Encoding, BetaName, GaType, SampleRate);

    /// <inheritdoc />
    public override string ToString() => BetaName ?? GaType ?? "unknown";
}
