using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>What a client receives on attach: <c>session.created</c>, then the conversation so far as item events.</summary>
internal static class InitialEvents
{
    public static IEnumerable<ServerEvent> For(IRealtimeSessionAttachment attachment, ProtocolDialect dialect)
    {
        // Clients know the gateway's session id (the one their token is bound to), not the upstream's.
        var session = attachment.Session.Clone();
        session.Id = attachment.SessionId;
        yield return new SessionCreatedEvent { EventId = ProtocolIds.NewEventId(), Session = session };
        if (dialect == ProtocolDialect.Beta)
        {
            // The preview service announces the default conversation right after the session.
            yield return new ConversationCreatedEvent { EventId = ProtocolIds.NewEventId(), Conversation = new RealtimeConversation { Id = ProtocolIds.NewConversationId(), ObjectType = "realtime.conversation" } };
        }

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
