namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>Counters shared by all load-test sessions (fields for Interlocked).</summary>
internal sealed class LoadStats
{
#pragma warning disable SA1401, CA1051 // Interlocked needs fields.
    public long Connected;
    public long Failures;
    public long InputChunks;
    public long OutputChunks;
    public long Responses;
    public long ErrorEvents;
#pragma warning restore SA1401, CA1051

    public LatencyHistogram OutputLateness { get; } = new();

    public LatencyHistogram InputLateness { get; } = new();
}
