namespace RealtimeGrains.Protocol;

/// <summary><c>response.output_audio_transcript.done</c> (beta: <c>response.audio_transcript.done</c>): Transcript of the audio output is final.</summary>
public sealed class ResponseOutputAudioTranscriptDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputAudioTranscriptDone;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The full transcript.</summary>
    public string? Transcript { get; set; }
}
