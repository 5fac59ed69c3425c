using System.Text.Json;

namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.delta</c>: Partial input transcription.</summary>
public sealed class ConversationItemInputAudioTranscriptionDeltaEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemInputAudioTranscriptionDelta;

    /// <summary>The user item.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Transcript text.</summary>
    public string? Delta { get; set; }

    /// <summary>Log probabilities, if included.</summary>
    public JsonElement? Logprobs { get; set; }
}
