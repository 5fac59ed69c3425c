namespace RealtimeGrains.Protocol;

/// <summary>Audio encodings of the Realtime protocol.</summary>
public enum AudioEncoding
{
    /// <summary>A format this library does not know (kept as received).</summary>
    Unknown,

    /// <summary>16-bit signed little-endian PCM, 24 kHz mono (beta <c>pcm16</c>, GA <c>audio/pcm</c>).</summary>
    Pcm16,

    /// <summary>G.711 µ-law, 8 kHz mono (beta <c>g711_ulaw</c>, GA <c>audio/pcmu</c>).</summary>
    G711ULaw,

    /// <summary>G.711 A-law, 8 kHz mono (beta <c>g711_alaw</c>, GA <c>audio/pcma</c>).</summary>
    G711ALaw,
}
