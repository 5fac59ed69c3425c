using System.Diagnostics;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>The one clock of a run: every event, send and kill is stamped with <see cref="Now"/>, so times subtract exactly.</summary>
internal static class BenchmarkClock
{
    private static readonly long Start = Stopwatch.GetTimestamp();

    /// <summary>Time since the process started measuring.</summary>
    public static TimeSpan Now => Stopwatch.GetElapsedTime(Start);
}
