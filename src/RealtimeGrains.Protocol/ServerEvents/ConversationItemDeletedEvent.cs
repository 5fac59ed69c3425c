namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.deleted</c>: An item was deleted.</summary>
public sealed class ConversationItemDeletedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemDeleted;

    /// <summary>The item.</summary>
    public string? ItemId { get; set; }
}
