namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>The median of the measured rounds of one scenario, and the spread of the rounds.</summary>
public sealed record RoundResult(string Scenario, Shape Shape, double MedianCallsPerSecond, double MinCallsPerSecond, double MaxCallsPerSecond)
{
    /// <summary>Wall-clock time per call (1 / throughput): the cost of a call to the process.</summary>
    public double MicrosecondsPerCall => 1e6 / MedianCallsPerSecond;

    /// <summary>Mean time each caller waits for one call (µs/call x outstanding calls).</summary>
    public double MicrosecondsRoundTrip => MicrosecondsPerCall * Shape.Callers;
}
