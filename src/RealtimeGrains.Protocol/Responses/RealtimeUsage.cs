namespace RealtimeGrains.Protocol;

/// <summary>Token usage of a response.</summary>
public sealed class RealtimeUsage : ProtocolObject
{
    /// <summary>Input + output tokens.</summary>
    public int? TotalTokens { get; set; }

    /// <summary>Input tokens (the whole conversation is re-billed each turn).</summary>
    public int? InputTokens { get; set; }

    /// <summary>Output tokens.</summary>
    public int? OutputTokens { get; set; }

    /// <summary>Breakdown of input tokens.</summary>
    public InputTokenDetails? InputTokenDetails { get; set; }

    /// <summary>Breakdown of output tokens.</summary>
    public OutputTokenDetails? OutputTokenDetails { get; set; }
}
