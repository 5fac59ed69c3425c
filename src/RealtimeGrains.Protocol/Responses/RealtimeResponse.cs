using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// The response object of <c>response.created</c>/<c>response.done</c> (section 9). Beta <c>modalities</c>,
/// <c>voice</c>, <c>output_audio_format</c> and GA <c>output_modalities</c>, <c>audio.output.{voice,format}</c>
/// map to the same properties.
/// </summary>
public sealed class RealtimeResponse : ProtocolObject
{
    /// <summary><c>resp_…</c>.</summary>
    public string? Id { get; set; }

    /// <summary><c>realtime.response</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>cancelled</c>, <c>failed</c>, <c>incomplete</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Why the response ended as it did.</summary>
    public ResponseStatusDetails? StatusDetails { get; set; }

    /// <summary>Output items (audio bytes omitted).</summary>
    public List<RealtimeItem>? Output { get; set; }

    /// <summary><c>conv_…</c>, or null for an out-of-band response.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Metadata echoed from <c>response.create</c>.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    /// <summary>Token usage; null until done.</summary>
    public RealtimeUsage? Usage { get; set; }

    /// <summary>Output modalities (beta <c>modalities</c>, GA <c>output_modalities</c>).</summary>
    public List<string>? Modalities { get; set; }

    /// <summary>Voice name (GA <c>audio.output.voice</c>); a GA custom voice <c>{"id":"voice_…"}</c> is held as its id.</summary>
    [JsonConverter(typeof(VoiceJsonConverter))]
    public string? Voice { get; set; }

    /// <summary>Output audio format (GA <c>audio.output.format</c>).</summary>
    public AudioFormat? OutputAudioFormat { get; set; }

    /// <summary>Sampling temperature (beta only).</summary>
    public double? Temperature { get; set; }

    /// <summary>Max output tokens.</summary>
    public TokenLimit? MaxOutputTokens { get; set; }

    // GA-only unknown fields under "audio" and "audio.output": kept so they round-trip.
    internal GaAudioExtras? GaAudioExtras { get; set; }

    /// <summary>Response status values.</summary>
    public static class Statuses
    {
        /// <summary>Streaming.</summary>
        public const string InProgress = "in_progress";

        /// <summary>Finished normally.</summary>
        public const string Completed = "completed";

        /// <summary>Cancelled by the client or by turn detection.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>Cut short (max tokens, content filter).</summary>
        public const string Incomplete = "incomplete";

        /// <summary>Failed with an error.</summary>
        public const string Failed = "failed";
    }
}
