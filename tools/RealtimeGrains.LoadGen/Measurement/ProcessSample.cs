using System.Diagnostics;

namespace RealtimeGrains.LoadGen;

/// <summary>One reading of a process: total CPU seconds, resident bytes, and when (Stopwatch timestamp).</summary>
internal readonly record struct ProcessSample(double CpuSeconds, long ResidentBytes, long Timestamp)
{
    /// <summary>CPU seconds used since <paramref name="start"/> and the wall seconds in between.</summary>
    public (double CpuSeconds, double WallSeconds) Since(ProcessSample start) =>
        (CpuSeconds - start.CpuSeconds, Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds);
}
