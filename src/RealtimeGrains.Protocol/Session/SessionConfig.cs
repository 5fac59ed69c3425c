using System.Text.Json;
using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// The session configuration, one generation-neutral model (section 7): written flat to a beta peer and
/// nested (<c>type:"realtime"</c>, <c>audio.input/output</c>) to a GA peer. Used both as a partial update
/// (<c>session.update</c>: null = absent = unchanged; an explicit JSON null, see <see cref="ProtocolObject.IsExplicitNull"/>,
/// clears the field) and as the full effective session (<c>session.created/updated</c>).
/// </summary>
public sealed class SessionConfig : ProtocolObject
{
    /// <summary>GA: <c>realtime</c> or <c>transcription</c> (required on GA <c>session.update</c>). A beta
    /// <c>transcription_session.*</c> event reads as <c>transcription</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>sess_…</c> (read-only).</summary>
    public string? Id { get; set; }

    /// <summary><c>realtime.session</c> or <c>realtime.transcription_session</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }

    /// <summary>Model or deployment name; cannot change.</summary>
    public string? Model { get; set; }

    /// <summary>Unix seconds at which the session ends.</summary>
    public long? ExpiresAt { get; set; }

    /// <summary>Beta <c>modalities</c> (<c>["audio","text"]</c> or <c>["text"]</c>) / GA <c>output_modalities</c>
    /// (<c>["audio"]</c> or <c>["text"]</c>). Kept as received; a GA writer emits <c>["audio"]</c> when audio is in it,
    /// a beta writer adds <c>"text"</c> to an audio-only list. See <see cref="OutputsAudio"/>.</summary>
    public List<string>? Modalities { get; set; }

    /// <summary>System instructions; <c>""</c> clears.</summary>
    public string? Instructions { get; set; }

    /// <summary>Voice name (GA <c>audio.output.voice</c>); a GA custom voice <c>{"id":"voice_…"}</c> is held as its id.</summary>
    [JsonConverter(typeof(VoiceJsonConverter))]
    public string? Voice { get; set; }

    /// <summary>Input audio format (GA <c>audio.input.format</c>).</summary>
    public AudioFormat? InputAudioFormat { get; set; }

    /// <summary>Output audio format (GA <c>audio.output.format</c>).</summary>
    public AudioFormat? OutputAudioFormat { get; set; }

    /// <summary>Input transcription (GA <c>audio.input.transcription</c>); explicit null = off.</summary>
    public InputAudioTranscription? InputAudioTranscription { get; set; }

    /// <summary>Noise reduction (GA <c>audio.input.noise_reduction</c>); explicit null = off.</summary>
    public NoiseReduction? InputAudioNoiseReduction { get; set; }

    /// <summary>VAD (GA <c>audio.input.turn_detection</c>); explicit null = VAD off.</summary>
    public TurnDetection? TurnDetection { get; set; }

    /// <summary>Tools; <c>[]</c> clears.</summary>
    public List<RealtimeTool>? Tools { get; set; }

    /// <summary>Tool choice.</summary>
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Temperature 0.6–1.2 (beta only; not written to GA).</summary>
    public double? Temperature { get; set; }

    /// <summary>Beta <c>max_response_output_tokens</c> / GA <c>max_output_tokens</c>.</summary>
    public TokenLimit? MaxOutputTokens { get; set; }

    /// <summary>Speech speed 0.25–1.5 (GA <c>audio.output.speed</c>).</summary>
    public double? Speed { get; set; }

    /// <summary><c>"auto"</c>, a tracing object, or null.</summary>
    public JsonElement? Tracing { get; set; }

    /// <summary>GA: <c>"auto"</c>, <c>"disabled"</c> or a retention-ratio object.</summary>
    public JsonElement? Truncation { get; set; }

    /// <summary>GA: stored prompt reference.</summary>
    public JsonElement? Prompt { get; set; }

    /// <summary>Extra output to include, e.g. <c>item.input_audio_transcription.logprobs</c>.</summary>
    public List<string>? Include { get; set; }

    /// <summary>Beta REST-created sessions: <c>{value, expires_at}</c>; null on WebSocket sessions.</summary>
    public JsonElement? ClientSecret { get; set; }

    // GA-only unknown fields under "audio", "audio.input", "audio.output": kept so they round-trip.
    internal GaAudioExtras? GaAudioExtras { get; set; }

    /// <summary>True when the modalities include audio (or are absent, the default).</summary>
    [JsonIgnore]
    public bool OutputsAudio => Modalities is null || Modalities.Contains("audio");

    /// <summary>True for a transcription-only session.</summary>
    [JsonIgnore]
    public bool IsTranscription => Type == SessionTypes.Transcription;

    /// <summary>A deep copy (explicit-null marks and unknown fields included).</summary>
    public SessionConfig Clone()
    {
        var clone = ProtocolJson.Clone(this);
        clone.GaAudioExtras = GaAudioExtras;
        return clone;
    }

    /// <summary>
    /// Applies a partial update and returns the new effective configuration (this instance is not changed):
    /// fields present in <paramref name="update"/> replace the current ones, explicit nulls clear them, absent
    /// fields stay. Nested objects (e.g. <c>turn_detection</c>) are replaced whole. Unknown fields are merged.
    /// </summary>
    /// <param name="update">The <c>session</c> of a <c>session.update</c>.</param>
    public SessionConfig ApplyUpdate(SessionConfig update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var result = Clone();
        var u = update.Clone();
        result.Type = Pick(Type, u.Type, SessionFields.Type, u, result);
        result.Modalities = Pick(Modalities, u.Modalities, SessionFields.Modalities, u, result);
        result.Instructions = Pick(Instructions, u.Instructions, SessionFields.Instructions, u, result);
        result.Voice = Pick(Voice, u.Voice, SessionFields.Voice, u, result);
        result.InputAudioFormat = Pick(InputAudioFormat, u.InputAudioFormat, SessionFields.InputAudioFormat, u, result);
        result.OutputAudioFormat = Pick(OutputAudioFormat, u.OutputAudioFormat, SessionFields.OutputAudioFormat, u, result);
        result.InputAudioTranscription = Pick(result.InputAudioTranscription, u.InputAudioTranscription, SessionFields.InputAudioTranscription, u, result);
        result.InputAudioNoiseReduction = Pick(result.InputAudioNoiseReduction, u.InputAudioNoiseReduction, SessionFields.InputAudioNoiseReduction, u, result);
        result.TurnDetection = Pick(result.TurnDetection, u.TurnDetection, SessionFields.TurnDetection, u, result);
        result.Tools = Pick(result.Tools, u.Tools, SessionFields.Tools, u, result);
        result.ToolChoice = Pick(ToolChoice, u.ToolChoice, SessionFields.ToolChoice, u, result);
        result.Temperature = PickValue(Temperature, u.Temperature, SessionFields.Temperature, u, result);
        result.MaxOutputTokens = PickValue(MaxOutputTokens, u.MaxOutputTokens, SessionFields.MaxOutputTokens, u, result);
        result.Speed = PickValue(Speed, u.Speed, SessionFields.Speed, u, result);
        result.Tracing = PickValue(Tracing, u.Tracing, SessionFields.Tracing, u, result);
        result.Truncation = PickValue(Truncation, u.Truncation, SessionFields.Truncation, u, result);
        result.Prompt = PickValue(Prompt, u.Prompt, SessionFields.Prompt, u, result);
        result.Include = Pick(result.Include, u.Include, SessionFields.Include, u, result);
        result.ExtensionData = Merge(result.ExtensionData, u.ExtensionData);
        result.GaAudioExtras = GaAudioExtras.Merge(result.GaAudioExtras, u.GaAudioExtras);
        return result;
    }

    private static T? Pick<T>(T? current, T? incoming, string name, SessionConfig update, SessionConfig result)
        where T : class
    {
        if (incoming is not null)
        {
            result.SetExplicitNull(name, false);
            return incoming;
        }

        if (update.IsExplicitNull(name))
        {
            result.SetExplicitNull(name);
            return null;
        }

        return current;
    }

    private static T? PickValue<T>(T? current, T? incoming, string name, SessionConfig update, SessionConfig result)
        where T : struct
    {
        if (incoming is not null)
        {
            result.SetExplicitNull(name, false);
            return incoming;
        }

        if (update.IsExplicitNull(name))
        {
            result.SetExplicitNull(name);
            return null;
        }

        return current;
    }

    internal static Dictionary<string, JsonElement>? Merge(Dictionary<string, JsonElement>? current, Dictionary<string, JsonElement>? incoming)
    {
        if (incoming is null || incoming.Count == 0)
        {
            return current;
        }

        var merged = current is null ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : new Dictionary<string, JsonElement>(current, StringComparer.Ordinal);
        foreach (var (key, value) in incoming)
        {
            merged[key] = value;
        }

        return merged;
    }
}
