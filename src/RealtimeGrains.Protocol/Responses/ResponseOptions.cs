using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// The <c>response</c> of <c>response.create</c>: per-response overrides. Beta <c>max_response_output_tokens</c>
/// (alias <c>max_output_tokens</c>) and GA <c>max_output_tokens</c> map to <see cref="MaxOutputTokens"/>.
/// </summary>
public sealed class ResponseOptions : ProtocolObject
{
    /// <summary>Output modalities (beta <c>modalities</c>, GA <c>output_modalities</c>).</summary>
    public List<string>? Modalities { get; set; }

    /// <summary>Instructions for this response.</summary>
    public string? Instructions { get; set; }

    /// <summary>Voice name (GA <c>audio.output.voice</c>); a GA custom voice <c>{"id":"voice_…"}</c> is held as its id.</summary>
    [JsonConverter(typeof(VoiceJsonConverter))]
    public string? Voice { get; set; }

    /// <summary>Output audio format (GA <c>audio.output.format</c>).</summary>
    public AudioFormat? OutputAudioFormat { get; set; }

    /// <summary>Tools for this response; empty removes tools.</summary>
    public List<RealtimeTool>? Tools { get; set; }

    /// <summary>Tool choice.</summary>
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Temperature (beta only).</summary>
    public double? Temperature { get; set; }

    /// <summary>Max output tokens.</summary>
    public TokenLimit? MaxOutputTokens { get; set; }

    // GA-only unknown fields under "audio" and "audio.output": kept so they round-trip.
    internal GaAudioExtras? GaAudioExtras { get; set; }

    /// <summary><c>auto</c> (default conversation) or <c>none</c> (out-of-band).</summary>
    public string? Conversation { get; set; }

    /// <summary>Metadata echoed on the response events.</summary>
    public Dictionary<string, string>? Metadata { get; set; }

    /// <summary>Replaces the context for this response (items or <c>item_reference</c>s).</summary>
    public List<RealtimeItem>? Input { get; set; }

    /// <summary>GA: stored prompt reference.</summary>
    public JsonElement? Prompt { get; set; }
}
