namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.speech_started</c>: VAD detected speech.</summary>
public sealed class InputAudioBufferSpeechStartedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferSpeechStarted;

    /// <summary>Offset in all audio appended this session, ms (includes prefix padding).</summary>
    public int? AudioStartMs { get; set; }

    /// <summary>The id the user item will get.</summary>
    public string? ItemId { get; set; }
}
