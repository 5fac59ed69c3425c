using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions;

/// <summary>
/// One message from a session grain to its observers. Server events travel as the UTF-8 JSON of the event in the
/// GA dialect, so a gateway forwards the bytes as they are (or rewrites them for a beta client) without another object model.
/// </summary>
/// <param name="Kind">What the message carries.</param>
/// <param name="Type">The server event type (<c>response.output_audio.delta</c>, …) or the status name.</param>
public sealed record SessionEvent(SessionEventKind Kind, string Type)
{
    /// <summary>The server event's GA JSON (for <see cref="SessionEventKind.ServerEvent"/>).</summary>
#pragma warning disable CA1819 // A wire payload: the bytes are handed over, not shared.
    public byte[]? Json { get; init; }
#pragma warning restore CA1819

    /// <summary>The item concerned (flush), if any.</summary>
    public string? ItemId { get; init; }

    /// <summary>For <see cref="SessionEventKind.Flush"/>: the milliseconds of the item kept (the truncation point).</summary>
    public int? AudioEndMs { get; init; }

    /// <summary>The conversation so far (for <see cref="SessionEventKind.Conversation"/>).</summary>
    public IReadOnlyList<ConversationItem>? Items { get; init; }

    /// <summary>A human-readable detail of a status (never a secret).</summary>
    public string? Detail { get; init; }
}
