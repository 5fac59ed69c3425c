namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// The wait before the next connect attempt: the exponential delay with "equal jitter" (half fixed, half random), so
/// sessions that lost their upstream together do not all come back in the same millisecond; the service's own
/// <c>Retry-After</c> wins when it asks for longer (up to a minute).
/// </summary>
internal static class UpstreamBackoff
{
    /// <summary>The longest <c>Retry-After</c> honoured.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>The wait for a backoff step of <paramref name="delay"/>.</summary>
    /// <param name="delay">The exponential delay of this attempt.</param>
    /// <param name="retryAfter">What the service asked for, if anything.</param>
    /// <param name="unit">A random number in [0, 1).</param>
    /// <returns>Between half of <paramref name="delay"/> and all of it, or the service's wait when that is longer.</returns>
    public static TimeSpan Wait(TimeSpan delay, TimeSpan? retryAfter, double unit)
    {
        var jittered = TimeSpan.FromTicks(delay.Ticks / 2 + (long)(delay.Ticks / 2 * Math.Clamp(unit, 0, 1)));
        return retryAfter is { } asked && asked > jittered ? TimeSpan.FromTicks(Math.Min(asked.Ticks, MaxRetryAfter.Ticks)) : jittered;
    }

    /// <summary>The next exponential delay: doubled, at most <paramref name="max"/>.</summary>
    public static TimeSpan Next(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(max.Ticks, delay.Ticks * 2));
}
