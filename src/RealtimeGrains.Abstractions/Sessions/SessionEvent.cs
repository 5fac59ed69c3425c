using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions;

/// <summary>
/// One message from a session grain to its observers. Server events travel as the UTF-8 JSON of the event in the
/// GA dialect, so a gateway forwards the bytes as they are (or rewrites them for a beta client) without another object model.
/// Immutable once sent: it crosses grain calls without a copy.
/// </summary>
/// <param name="Kind">What the message carries.</param>
/// <param name="Type">The server event type (<c>response.output_audio.delta</c>, …) or the status name.</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.SessionEvent")]
[Immutable]
public sealed record SessionEvent(SessionEventKind Kind, string Type)
{
    /// <summary>The server event's GA JSON (for <see cref="SessionEventKind.ServerEvent"/>).</summary>
#pragma warning disable CA1819 // A wire payload: the bytes are handed over, not shared.
    [Id(2)]
    public byte[]? Json { get; init; }
#pragma warning restore CA1819

    /// <summary>The item concerned (flush), if any.</summary>
    [Id(3)]
    public string? ItemId { get; init; }

    /// <summary>For <see cref="SessionEventKind.Flush"/>: the milliseconds of the item kept (the truncation point).</summary>
    [Id(4)]
    public int? AudioEndMs { get; init; }

    /// <summary>The conversation so far (for <see cref="SessionEventKind.Conversation"/>).</summary>
    [Id(5)]
    public IReadOnlyList<ConversationItem>? Items { get; init; }

    /// <summary>A human-readable detail of a status (never a secret).</summary>
    [Id(6)]
    public string? Detail { get; init; }

    /// <summary>
    /// The message's place in the stream to one observer: 0 for the conversation snapshot, then 1, 2, … Orleans does not
    /// promise that one-way calls arrive in order, so observers put them back in order with a <see cref="SessionEventSequencer"/>.
    /// </summary>
    [Id(7)]
    public long Sequence { get; init; }
}
