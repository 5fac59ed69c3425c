namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.failed</c>: Input transcription failed.</summary>
public sealed class ConversationItemInputAudioTranscriptionFailedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemInputAudioTranscriptionFailed;

    /// <summary>The user item.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Why (type <c>transcription_error</c>).</summary>
    public ProtocolError? Error { get; set; }
}
