namespace RealtimeGrains.Protocol;

/// <summary>
/// Model field names of <see cref="SessionConfig"/> (the beta flat names, <c>max_output_tokens</c> for both
/// token fields), for <see cref="ProtocolObject.SetExplicitNull"/> and <see cref="ProtocolObject.IsExplicitNull"/>.
/// </summary>
public static class SessionFields
{
    /// <summary><c>type</c>.</summary>
    public const string Type = "type";

    /// <summary><c>modalities</c> (GA <c>output_modalities</c>).</summary>
    public const string Modalities = "modalities";

    /// <summary><c>instructions</c>.</summary>
    public const string Instructions = "instructions";

    /// <summary><c>voice</c>.</summary>
    public const string Voice = "voice";

    /// <summary><c>input_audio_format</c>.</summary>
    public const string InputAudioFormat = "input_audio_format";

    /// <summary><c>output_audio_format</c>.</summary>
    public const string OutputAudioFormat = "output_audio_format";

    /// <summary><c>input_audio_transcription</c>.</summary>
    public const string InputAudioTranscription = "input_audio_transcription";

    /// <summary><c>input_audio_noise_reduction</c>.</summary>
    public const string InputAudioNoiseReduction = "input_audio_noise_reduction";

    /// <summary><c>turn_detection</c>.</summary>
    public const string TurnDetection = "turn_detection";

    /// <summary><c>tools</c>.</summary>
    public const string Tools = "tools";

    /// <summary><c>tool_choice</c>.</summary>
    public const string ToolChoice = "tool_choice";

    /// <summary><c>temperature</c>.</summary>
    public const string Temperature = "temperature";

    /// <summary><c>max_output_tokens</c> (beta wire: <c>max_response_output_tokens</c>).</summary>
    public const string MaxOutputTokens = "max_output_tokens";

    /// <summary><c>speed</c>.</summary>
    public const string Speed = "speed";

    /// <summary><c>tracing</c>.</summary>
    public const string Tracing = "tracing";

    /// <summary><c>truncation</c>.</summary>
    public const string Truncation = "truncation";

    /// <summary><c>prompt</c>.</summary>
    public const string Prompt = "prompt";

    /// <summary><c>include</c>.</summary>
    public const string Include = "include";

    /// <summary><c>client_secret</c>.</summary>
    public const string ClientSecret = "client_secret";
}
