namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.added</c> (beta: <c>conversation.item.created</c>): An item entered the conversation. The one internal form of beta <c>conversation.item.created</c> and GA <c>conversation.item.added</c> (GA also reads a legacy <c>conversation.item.created</c> as this). Written as <c>conversation.item.created</c> to a beta peer.</summary>
public sealed class ConversationItemAddedEvent : ServerEvent
{
    /// <summary>Creates the event; <c>previous_item_id</c> is written as null until set.</summary>
    public ConversationItemAddedEvent()
    {
        SetExplicitNull("previous_item_id");
    }

    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemAdded;

    /// <summary>The preceding item id, or null (always written).</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The item.</summary>
    public RealtimeItem? Item { get; set; }
}
