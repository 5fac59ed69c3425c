namespace RealtimeGrains;

/// <summary>A grain timer. Its callback runs as a grain turn; a tick never overlaps the previous one.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period.</summary>
    /// <param name="dueTime">Delay before the next tick.</param>
    /// <param name="period">Interval between ticks (<see cref="Timeout.InfiniteTimeSpan"/> for one tick).</param>
    void Change(TimeSpan dueTime, TimeSpan period);
}
