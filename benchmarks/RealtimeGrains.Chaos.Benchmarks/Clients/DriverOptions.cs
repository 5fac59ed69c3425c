namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>How each simulated client behaves.</summary>
internal sealed record DriverOptions
{
    /// <summary>Turns per session (chaos), or 0 to run until <see cref="Until"/>.</summary>
    public int Turns { get; init; }

    /// <summary>On the run's clock: no new turn starts after this (soak).</summary>
    public TimeSpan Until { get; init; } = TimeSpan.MaxValue;

    /// <summary>Pause between a turn's end and the next turn (a user thinking), jittered ±50 %.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Every Nth turn asks the weather tool (0: never).</summary>
    public int ToolEvery { get; init; }

    /// <summary>One turn in N is barged in, from turn N/2 on (N = 4: turns 2, 6, 10…; 0: never).</summary>
    public int BargeInEvery { get; init; }

    /// <summary>The client closes its socket and reconnects to the same session every N turns (0: never).</summary>
    public int ReconnectEvery { get; init; }

    /// <summary>The longest a turn may take to be answered (or reported lost) before the session counts as not recovered.</summary>
    public TimeSpan TurnDeadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the client keeps listening after its last turn (late duplicates would show there).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);
}
