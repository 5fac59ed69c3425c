namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.item.retrieve</c>: Asks for the full item, audio included.</summary>
public sealed class ConversationItemRetrieveEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationItemRetrieve;

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    internal override string? FindMissingRequiredParameter(ProtocolDialect dialect) =>
        ItemId is null ? "item_id"
        : null;
}
