namespace RealtimeGrains.Sessions.Conversation;

/// <summary>One finished response of the session with its token usage (persisted; fields are only added).</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Conversation.ResponseUsage")]
public sealed record ResponseUsage
{
    /// <summary>The response id.</summary>
    [Id(0)]
    public string? Id { get; init; }

    /// <summary><c>completed</c>, <c>cancelled</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    [Id(1)]
    public string? Status { get; init; }

    /// <summary>Whether the response was out of band (<c>conversation: "none"</c>, e.g. a tool filler): its output is not in the conversation.</summary>
    [Id(2)]
    public bool OutOfBand { get; init; }

    /// <summary>When <c>response.created</c> arrived (null when it was not seen by this activation).</summary>
    [Id(3)]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When <c>response.done</c> arrived.</summary>
    [Id(4)]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Input tokens.</summary>
    [Id(5)]
    public long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    [Id(6)]
    public long OutputTokens { get; init; }

    /// <summary>Total tokens.</summary>
    [Id(7)]
    public long TotalTokens { get; init; }

    /// <summary>Ids of the items the response produced.</summary>
    [Id(8)]
    public IReadOnlyList<string> OutputItemIds { get; init; } = [];
}
