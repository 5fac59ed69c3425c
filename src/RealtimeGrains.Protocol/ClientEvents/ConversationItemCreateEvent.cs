namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.create</c>: Adds an item to the conversation.</summary>
public sealed class ConversationItemCreateEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemCreate;

    /// <summary>Insert after this item; <c>root</c> = at the start; absent = at the end.</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The item.</summary>
    public RealtimeItem? Item { get; set; }

    internal override string? FindMissingRequiredParameter(ProtocolDialect dialect) =>
        Item is null ? "item"
        : null;
}
