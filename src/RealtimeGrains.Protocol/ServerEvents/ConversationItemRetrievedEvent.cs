namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.retrieved</c>: The item asked for, including audio.</summary>
public sealed class ConversationItemRetrievedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemRetrieved;

    /// <summary>The item.</summary>
    public RealtimeItem? Item { get; set; }
}
