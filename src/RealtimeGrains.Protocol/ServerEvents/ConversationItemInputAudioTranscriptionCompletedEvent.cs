using System.Text.Json;

namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.input_audio_transcription.completed</c>: Final input transcription.</summary>
public sealed class ConversationItemInputAudioTranscriptionCompletedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemInputAudioTranscriptionCompleted;

    /// <summary>The user item.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The transcript.</summary>
    public string? Transcript { get; set; }

    /// <summary>Log probabilities, if included.</summary>
    public JsonElement? Logprobs { get; set; }

    /// <summary>GA: transcription usage (tokens or duration).</summary>
    public JsonElement? Usage { get; set; }
}
