namespace RealtimeGrains.Protocol.Serialization;

/// <summary>GA <c>audio.input</c>.</summary>
internal sealed class GaSessionAudioInput : ProtocolObject
{
    public AudioFormat? Format { get; set; }

    public InputAudioTranscription? Transcription { get; set; }

    public NoiseReduction? NoiseReduction { get; set; }

    public TurnDetection? TurnDetection { get; set; }
}
