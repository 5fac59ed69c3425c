using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>GA <c>audio.output</c> (session and response).</summary>
internal sealed class GaSessionAudioOutput : ProtocolObject
{
    public AudioFormat? Format { get; set; }

    [JsonConverter(typeof(VoiceJsonConverter))]
    public string? Voice { get; set; }

    public double? Speed { get; set; }
}
