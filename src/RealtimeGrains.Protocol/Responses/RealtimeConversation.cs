using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>The conversation object of <c>conversation.created</c>.</summary>
public sealed class RealtimeConversation : ProtocolObject
{
    /// <summary><c>conv_…</c>.</summary>
    public string? Id { get; set; }

    /// <summary><c>realtime.conversation</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; set; }
}
