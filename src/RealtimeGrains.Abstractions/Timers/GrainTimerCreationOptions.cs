namespace RealtimeGrains;

/// <summary>Options of a grain timer.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Interval between ticks (<see cref="Timeout.InfiniteTimeSpan"/> for one tick).</param>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Whether a tick counts as activity and so keeps the grain from idle collection. Default false.</summary>
    public bool KeepAlive { get; init; }

    /// <summary>Whether a tick may interleave with a running request. Default false.</summary>
    public bool Interleave { get; init; }
}
