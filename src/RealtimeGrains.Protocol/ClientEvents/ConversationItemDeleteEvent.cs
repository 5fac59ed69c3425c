namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.delete</c>: Deletes an item.</summary>
public sealed class ConversationItemDeleteEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemDelete;

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    internal override string? FindMissingRequiredParameter(ProtocolDialect dialect) =>
        ItemId is null ? "item_id"
        : null;
}
