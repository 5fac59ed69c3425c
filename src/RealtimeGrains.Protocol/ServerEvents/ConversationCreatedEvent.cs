namespace RealtimeGrains.Protocol;

/// <summary><c>conversation.created</c>: The default conversation was created (beta).</summary>
public sealed class ConversationCreatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ConversationCreated;

    /// <summary>The conversation.</summary>
    public RealtimeConversation? Conversation { get; set; }
}
