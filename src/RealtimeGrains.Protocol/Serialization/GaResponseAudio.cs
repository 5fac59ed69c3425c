namespace RealtimeGrains.Protocol.Serialization;

/// <summary>GA wire view of a response's <c>audio</c> block (<c>audio.output.{format,voice}</c>).</summary>
internal sealed class GaResponseAudio : ProtocolObject
{
    public GaSessionAudioOutput? Output { get; set; }
}
