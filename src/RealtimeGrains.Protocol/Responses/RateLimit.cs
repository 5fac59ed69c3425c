namespace RealtimeGrains.Protocol;

/// <summary>One entry of <c>rate_limits.updated</c>.</summary>
public sealed class RateLimit : ProtocolObject
{
    /// <summary><c>requests</c> or <c>tokens</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The limit.</summary>
    public long? Limit { get; set; }

    /// <summary>What remains.</summary>
    public long? Remaining { get; set; }

    /// <summary>Seconds until reset.</summary>
    public double? ResetSeconds { get; set; }
}
