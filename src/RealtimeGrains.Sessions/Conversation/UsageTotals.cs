namespace RealtimeGrains.Sessions.Conversation;

/// <summary>Token usage summed over every response of the session (persisted).</summary>
public sealed record UsageTotals
{
    /// <summary>Responses finished.</summary>
    public int Responses { get; set; }

    /// <summary>Input tokens.</summary>
    public long InputTokens { get; set; }

    /// <summary>Output tokens.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Total tokens.</summary>
    public long TotalTokens { get; set; }
}
