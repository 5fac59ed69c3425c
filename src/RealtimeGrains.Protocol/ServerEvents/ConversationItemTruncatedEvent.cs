namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.truncated</c>: An assistant audio item was truncated.</summary>
public sealed class ConversationItemTruncatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemTruncated;

    /// <summary>The item.</summary>
    public string? ItemId { get; set; }

    /// <summary>The content part.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>Audio kept, ms.</summary>
    public int? AudioEndMs { get; set; }
}
