namespace RealtimeGrains.Protocol;

/// <summary>Size limits the parser enforces; each violation becomes a typed error, never an exception.</summary>
public sealed record ProtocolLimits
{
    /// <summary>The defaults: 22 MiB frames, 15 MiB audio per event, 1 MiB (chars) strings, 512-char event ids.</summary>
    public static ProtocolLimits Default { get; } = new();

    /// <summary>Largest accepted frame in bytes (15 MiB of audio is 20 MiB of base64).</summary>
    public int MaxFrameBytes { get; init; } = 22 * 1024 * 1024;

    /// <summary>Largest decoded audio per event (<c>input_audio_buffer.append</c>, audio content parts).</summary>
    public int MaxAudioBytes { get; init; } = 15 * 1024 * 1024;

    /// <summary>Longest accepted string value (other than audio), in UTF-8 bytes.</summary>
    public int MaxStringLength { get; init; } = 1024 * 1024;

    /// <summary>Longest accepted client <c>event_id</c> (GA limit 512).</summary>
    public int MaxEventIdLength { get; init; } = 512;

    /// <summary>Longest accepted base64 audio text, derived from <see cref="MaxAudioBytes"/>.</summary>
    public int MaxAudioBase64Length => Base64Audio.GetEncodedLength(MaxAudioBytes);

    /// <summary>Throws when a limit is not positive, naming the setting. Call at start-up.</summary>
    public ProtocolLimits Validate()
    {
        Check(MaxFrameBytes, nameof(MaxFrameBytes));
        Check(MaxAudioBytes, nameof(MaxAudioBytes));
        Check(MaxStringLength, nameof(MaxStringLength));
        Check(MaxEventIdLength, nameof(MaxEventIdLength));
        return this;
    }

    private static void Check(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"ProtocolLimits.{name} must be greater than 0 (was {value}).");
        }
    }
}
