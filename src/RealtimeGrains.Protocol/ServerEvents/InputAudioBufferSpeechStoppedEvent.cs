namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.speech_stopped</c>: VAD detected the end of speech.</summary>
public sealed class InputAudioBufferSpeechStoppedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferSpeechStopped;

    /// <summary>Offset in all audio appended this session, ms.</summary>
    public int? AudioEndMs { get; set; }

    /// <summary>The user item id.</summary>
    public string? ItemId { get; set; }
}
