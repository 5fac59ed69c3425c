namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_audio_transcript.delta</c> (beta: <c>response.audio_transcript.delta</c>): Transcript delta of the audio output.</summary>
public sealed class ResponseOutputAudioTranscriptDeltaEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputAudioTranscriptDelta;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Transcript text.</summary>
    public string? Delta { get; set; }
}
