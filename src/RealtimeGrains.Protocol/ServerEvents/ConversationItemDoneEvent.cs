namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.done</c>: GA: an item is final (content except audio). Has no beta form: the writer skips it for a beta peer (beta clients learn the final item from <c>response.output_item.done</c>).</summary>
public sealed class ConversationItemDoneEvent : ServerEvent
{
    /// <summary>Creates the event; <c>previous_item_id</c> is written as null until set.</summary>
    public ConversationItemDoneEvent()
    {
        SetExplicitNull("previous_item_id");
    }

    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemDone;

    /// <summary>The preceding item id, or null (always written).</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The final item.</summary>
    public RealtimeItem? Item { get; set; }
}
