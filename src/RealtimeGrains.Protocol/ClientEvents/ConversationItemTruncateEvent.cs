namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.truncate</c>: Truncates an assistant audio item to what the user heard.</summary>
public sealed class ConversationItemTruncateEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemTruncate;

    /// <summary>The assistant item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part (0 in practice).</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Keep audio up to this many ms.</summary>
    public int? AudioEndMs { get; set; }

    internal override string? FindMissingRequiredParameter(ProtocolDialect dialect) =>
        ItemId is null ? "item_id"
        : ContentIndex is null ? "content_index"
        : AudioEndMs is null ? "audio_end_ms"
        : null;
}
