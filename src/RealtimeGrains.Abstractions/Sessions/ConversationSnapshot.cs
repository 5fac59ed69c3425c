using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions;

/// <summary>A copy of a session's conversation, as <see cref="IRealtimeSessionGrain.GetConversationAsync"/> returns it.</summary>
/// <param name="Items">The items in order.</param>
/// <param name="Settings">The session settings.</param>
/// <param name="Usage">Usage totals.</param>
/// <param name="UpstreamGenerations">How many upstream sessions this conversation has used (rollovers and reconnects add one).</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.ConversationSnapshot")]
public sealed record ConversationSnapshot(
    IReadOnlyList<ConversationItem> Items,
    RealtimeSessionSettings Settings,
    UsageTotals Usage,
    int UpstreamGenerations);
