namespace RealtimeGrains.Protocol;

/// <summary>
/// Voice activity detection settings (<c>turn_detection</c>; GA: <c>audio.input.turn_detection</c>).
/// A <see langword="null"/> turn detection (explicit JSON null) means no VAD: the client commits and asks for responses itself.
/// </summary>
public sealed class TurnDetection : ProtocolObject
{
    /// <summary><c>server_vad</c>, <c>semantic_vad</c>, or the legacy Azure <c>none</c>.</summary>
    public string? Type { get; set; }

    /// <summary>server_vad: activation threshold 0.0–1.0.</summary>
    public double? Threshold { get; set; }

    /// <summary>server_vad: audio kept before detected speech, in ms.</summary>
    public int? PrefixPaddingMs { get; set; }

    /// <summary>server_vad: silence that ends a turn, in ms.</summary>
    public int? SilenceDurationMs { get; set; }

    /// <summary>semantic_vad: <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>.</summary>
    public string? Eagerness { get; set; }

    /// <summary>Whether a response is created automatically at the end of a turn.</summary>
    public bool? CreateResponse { get; set; }

    /// <summary>Whether speech interrupts (cancels) an active response.</summary>
    public bool? InterruptResponse { get; set; }

    /// <summary>GA server_vad: ms of silence before <c>input_audio_buffer.timeout_triggered</c> (5000–30000, or null).</summary>
    public int? IdleTimeoutMs { get; set; }

    /// <summary>Known VAD types.</summary>
    public static class Types
    {
        /// <summary>Server-side energy VAD.</summary>
        public const string ServerVad = "server_vad";

        /// <summary>Semantic (model-based) end-of-turn detection.</summary>
        public const string SemanticVad = "semantic_vad";

        /// <summary>Legacy Azure spelling of "no VAD" (OpenAI uses an explicit null).</summary>
        public const string None = "none";
    }
}
