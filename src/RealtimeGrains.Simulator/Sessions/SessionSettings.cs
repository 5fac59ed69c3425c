using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>The parts of the effective session configuration the simulator acts on, read from the protocol library's session object after each update.</summary>
internal sealed record SessionSettings
{
    public bool AudioOutput { get; init; } = true;

    public string Voice { get; init; } = "alloy";

    public AudioFormat InputFormat { get; init; } = AudioFormat.Pcm16;

    public AudioFormat OutputFormat { get; init; } = AudioFormat.Pcm16;

    public bool Transcription { get; init; }

    /// <summary>Null when turn detection is off (manual mode).</summary>
    public VadSettings? Vad { get; init; } = new(0.5, 300, 200, CreateResponse: true, InterruptResponse: true);

    /// <summary>The function tools the model may call.</summary>
    public IReadOnlyList<ModelTool> Tools { get; init; } = [];

    /// <summary>The effective <c>tool_choice</c>.</summary>
    public ModelToolChoice ToolChoice { get; init; } = ModelToolChoice.Auto;

    public int? MaxOutputTokens { get; init; }

    /// <summary>Derives the settings from an effective session configuration.</summary>
    public static SessionSettings From(SessionConfig config)
    {
        var vad = config.TurnDetection;
        var vadOn = vad is not null && (vad.Type is null or TurnDetection.Types.ServerVad or TurnDetection.Types.SemanticVad);
        return new SessionSettings
        {
            AudioOutput = config.OutputsAudio,
            Voice = config.Voice ?? "alloy",
            InputFormat = config.InputAudioFormat is { IsKnown: true } input ? input : AudioFormat.Pcm16,
            OutputFormat = config.OutputAudioFormat is { IsKnown: true } output ? output : AudioFormat.Pcm16,
            Transcription = config.InputAudioTranscription is not null,
            Vad = vadOn ? new VadSettings(vad!.Threshold ?? 0.5, vad.PrefixPaddingMs ?? 300, vad.SilenceDurationMs ?? 200, vad.CreateResponse ?? true, vad.InterruptResponse ?? true, vad.IdleTimeoutMs) : null,
            Tools = ModelTool.From(config.Tools),
            ToolChoice = ModelToolChoice.From(config.ToolChoice),
            MaxOutputTokens = config.MaxOutputTokens?.Limit,
        };
    }
}
