using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>What a client receives on attach: <c>session.created</c>, then the conversation so far as item events.</summary>
internal static class InitialEvents
{
    public static IEnumerable<ServerEvent> For(IRealtimeSessionAttachment attachment, ProtocolDialect dialect)
    {
        yield return new SessionCreatedEvent { EventId = ProtocolIds.NewEventId(), Session = attachment.Session };
        string? previous = null;
        foreach (var item in attachment.Conversation)
        {
            yield return new ConversationItemAddedEvent { EventId = ProtocolIds.NewEventId(), PreviousItemId = previous, Item = item };
            if (dialect == ProtocolDialect.GA)
            {
                yield return new ConversationItemDoneEvent { EventId = ProtocolIds.NewEventId(), PreviousItemId = previous, Item = item };
            }

            previous = item.Id;
        }
    }
}
