namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.segment</c>: GA: a diarized transcription segment.</summary>
public sealed class ConversationItemInputAudioTranscriptionSegmentEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemInputAudioTranscriptionSegment;

    /// <summary>The user item.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Segment text.</summary>
    public string? Text { get; set; }

    /// <summary>Segment id.</summary>
    public string? Id { get; set; }

    /// <summary>Speaker label.</summary>
    public string? Speaker { get; set; }

    /// <summary>Start, seconds.</summary>
    public double? Start { get; set; }

    /// <summary>End, seconds.</summary>
    public double? End { get; set; }
}
