namespace RealtimeGrains.Protocol;

/// <summary><c>rate_limits.updated</c>: Current rate limits.</summary>
public sealed class RateLimitsUpdatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.RateLimitsUpdated;

    /// <summary>Requests and tokens limits.</summary>
    public List<RateLimit>? RateLimits { get; set; }
}
