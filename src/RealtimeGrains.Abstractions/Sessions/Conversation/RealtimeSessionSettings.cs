using System.Text.Json.Nodes;

namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// What a client configures on a session. A partial update: null fields leave the current value.
/// Persisted with the conversation and re-sent (as <c>session.update</c>) to every fresh upstream session.
/// </summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Conversation.RealtimeSessionSettings")]
public sealed record RealtimeSessionSettings
{
    /// <summary>System instructions.</summary>
    [Id(0)]
    public string? Instructions { get; init; }

    /// <summary>Output voice, for example <c>alloy</c>.</summary>
    [Id(1)]
    public string? Voice { get; init; }

    /// <summary>Turn detection: <c>server_vad</c>, <c>semantic_vad</c> or <c>none</c> (push to talk).</summary>
    [Id(2)]
    public string? TurnDetection { get; init; }

    /// <summary>Output modalities: <c>["audio"]</c> or <c>["text"]</c>.</summary>
    [Id(3)]
    public IReadOnlyList<string>? OutputModalities { get; init; }

    /// <summary>Input audio format: <c>pcm16</c>, <c>g711_ulaw</c> or <c>g711_alaw</c>.</summary>
    [Id(4)]
    public string? InputAudioFormat { get; init; }

    /// <summary>Output audio format: <c>pcm16</c>, <c>g711_ulaw</c> or <c>g711_alaw</c>.</summary>
    [Id(5)]
    public string? OutputAudioFormat { get; init; }

    /// <summary>Input transcription model, for example <c>whisper-1</c>; empty string switches it off.</summary>
    [Id(6)]
    public string? TranscriptionModel { get; init; }

    /// <summary>Names of registered tools offered to the model; null: all registered tools, empty: none.</summary>
    [Id(7)]
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Whether function-call events reach observers (default false: tools are handled server-side, unseen).</summary>
    [Id(8)]
    public bool? ForwardToolEvents { get; init; }

    /// <summary>Function tools the client declared and runs itself (null: unchanged; empty: none).</summary>
    [Id(9)]
    public IReadOnlyList<ClientToolDefinition>? ClientTools { get; init; }

    /// <summary>The client's <c>tool_choice</c>: <c>auto</c>, <c>none</c>, <c>required</c> or <c>function:NAME</c>; null: unchanged (auto).</summary>
    [Id(10)]
    public string? ToolChoice { get; init; }

    /// <summary>
    /// The other session fields the client set, passed to every upstream session as written: a JSON object in the
    /// protocol library's own shape (for example <c>temperature</c>, <c>max_output_tokens</c>, <c>speed</c>,
    /// <c>input_audio_noise_reduction</c>, the full <c>turn_detection</c>, <c>tracing</c>, <c>truncation</c>,
    /// <c>prompt</c>, <c>include</c>); a JSON null clears that field. Null: none.
    /// </summary>
    [Id(11)]
    public string? UpstreamFieldsJson { get; init; }

    /// <summary>Applies <paramref name="update"/> on top of these settings (its non-null fields win).</summary>
    /// <param name="update">The partial update.</param>
    /// <returns>The merged settings.</returns>
    public RealtimeSessionSettings Merge(RealtimeSessionSettings update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new RealtimeSessionSettings
        {
            Instructions = update.Instructions ?? Instructions,
            Voice = update.Voice ?? Voice,
            TurnDetection = update.TurnDetection ?? TurnDetection,
            OutputModalities = update.OutputModalities ?? OutputModalities,
            InputAudioFormat = update.InputAudioFormat ?? InputAudioFormat,
            OutputAudioFormat = update.OutputAudioFormat ?? OutputAudioFormat,
            TranscriptionModel = update.TranscriptionModel ?? TranscriptionModel,
            Tools = update.Tools ?? Tools,
            ForwardToolEvents = update.ForwardToolEvents ?? ForwardToolEvents,
            ClientTools = update.ClientTools ?? ClientTools,
            ToolChoice = update.ToolChoice ?? ToolChoice,
            UpstreamFieldsJson = MergeFields(UpstreamFieldsJson, update.UpstreamFieldsJson),
        };
    }

    /// <summary>Field by field: each field the update names replaces the current one whole (as the service applies an update).</summary>
    private static string? MergeFields(string? current, string? update)
    {
        if (update is null || current is null)
        {
            return update ?? current;
        }

        var merged = JsonNode.Parse(current) as JsonObject ?? [];
        foreach (var (name, value) in JsonNode.Parse(update) as JsonObject ?? [])
        {
            merged[name] = value?.DeepClone();
        }

        return merged.ToJsonString();
    }
}
