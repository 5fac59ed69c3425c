namespace RealtimeGrains.Sessions.Conversation;

/// <summary>Token usage summed over every response of the session (persisted).</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Conversation.UsageTotals")]
public sealed record UsageTotals
{
    /// <summary>Responses finished.</summary>
    [Id(0)]
    public int Responses { get; set; }

    /// <summary>Input tokens.</summary>
    [Id(1)]
    public long InputTokens { get; set; }

    /// <summary>Output tokens.</summary>
    [Id(2)]
    public long OutputTokens { get; set; }

    /// <summary>Total tokens.</summary>
    [Id(3)]
    public long TotalTokens { get; set; }
}
