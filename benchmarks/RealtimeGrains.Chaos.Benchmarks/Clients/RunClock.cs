using System.Diagnostics;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>The run's one clock: time since the run started.</summary>
internal sealed class RunClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public TimeSpan Elapsed => _watch.Elapsed;
}
