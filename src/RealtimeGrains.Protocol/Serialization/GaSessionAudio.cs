namespace RealtimeGrains.Protocol.Serialization;

/// <summary>GA wire view of the session's <c>audio</c> block; mapped to/from the flat <see cref="SessionConfig"/>.</summary>
internal sealed class GaSessionAudio : ProtocolObject
{
    public GaSessionAudioInput? Input { get; set; }

    public GaSessionAudioOutput? Output { get; set; }
}
