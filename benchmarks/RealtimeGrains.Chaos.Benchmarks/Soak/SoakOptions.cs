namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>The soak command's settings (see README.md).</summary>
internal sealed record SoakOptions
{
    public const string Usage = """
        soak [--sessions 50] [--duration 30m] [--session-lifetime 3m] [--upstream-limit 2m] [--warm-up DURATION]
             [--heap-tolerance 0.10] [--seed 14] [--logs DIR]
        """;

    private static readonly string[] Names = ["sessions", "duration", "session-lifetime", "upstream-limit", "warm-up", "heap-tolerance", "seed", "logs"];

    /// <summary>Sessions open at any time: each slot runs one session for <see cref="SessionLifetime"/>, then starts a new one.</summary>
    public int Sessions { get; init; } = 50;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The simulator's <c>RealtimeSimulator:MaxSessionDuration</c>: the grain rolls each upstream over before it.</summary>
    public TimeSpan UpstreamLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When the first heap sample is taken; default a session lifetime plus 10 s (at most half the run).</summary>
    public TimeSpan? WarmUp { get; init; }

    /// <summary>How much the heap per session may grow from the warm-up sample to the end.</summary>
    public double HeapTolerance { get; init; } = 0.10;

    public int Seed { get; init; } = 14;

    public string? Logs { get; init; }

    public TimeSpan EffectiveWarmUp => WarmUp ?? TimeSpan.FromTicks(Math.Min((SessionLifetime + TimeSpan.FromSeconds(10)).Ticks, Duration.Ticks / 2));

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var read = new ArgumentReader(args, Names);
        var defaults = new SoakOptions();
        var duration = read.Duration("duration", defaults.Duration);
        return new SoakOptions
        {
            Sessions = read.Int("sessions", defaults.Sessions, min: 1),
            Duration = duration,
            SessionLifetime = read.Duration("session-lifetime", TimeSpan.FromTicks(Math.Min(defaults.SessionLifetime.Ticks, duration.Ticks / 3))),
            UpstreamLimit = read.Duration("upstream-limit", TimeSpan.FromTicks(Math.Min(defaults.UpstreamLimit.Ticks, duration.Ticks / 4))),
            WarmUp = read.Text("warm-up") is { } warmUp ? ArgumentReader.ParseDuration("warm-up", warmUp) : null,
            HeapTolerance = read.Probability("heap-tolerance", defaults.HeapTolerance),
            Seed = read.Int("seed", defaults.Seed),
            Logs = read.Text("logs"),
        };
    }
}
