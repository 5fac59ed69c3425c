using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// Base of every Realtime event. <see cref="Type"/> is the event's GA name; the writer puts the right
/// name for the target dialect on the wire (see <see cref="EventNames"/>).
/// </summary>
public abstract class RealtimeEvent : ProtocolObject
{
    /// <summary>The event id: optional on client events, <c>event_…</c> on server events.</summary>
    [JsonPropertyOrder(-1)]
    public string? EventId { get; set; }

    /// <summary>The event's type (GA wire name, e.g. <c>response.output_audio.delta</c>).</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}
