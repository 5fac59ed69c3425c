using System.Threading.RateLimiting;

namespace RealtimeGrains.Gateway;

/// <summary>Per-connection token bucket over <see cref="GatewayOptions.MessagesPerSecond"/> and <see cref="GatewayOptions.MessageBurst"/>.</summary>
internal static class ConnectionRateLimiter
{
    public static TokenBucketRateLimiter Create(GatewayOptions options) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.MessageBurst,
        TokensPerPeriod = Math.Max(1, options.MessagesPerSecond / 10),
        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
        AutoReplenishment = true,
        QueueLimit = 0,
    });
}
