namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>The chaos command's settings (see README.md).</summary>
internal sealed record ChaosOptions
{
    public const string Usage = """
        chaos [--sessions 200] [--turns 8] [--ramp 20s] [--seed 14] [--refuse 0.1] [--drop 0.05] [--stall 0.03]
              [--expire 0.3] [--slow-read 0.1] [--stall-timeout 5s] [--turn-deadline 90s] [--logs DIR]
        """;

    private static readonly string[] Names = ["sessions", "turns", "ramp", "seed", "refuse", "drop", "stall", "expire", "slow-read", "stall-timeout", "turn-deadline", "logs"];

    public int Sessions { get; init; } = 200;

    public int Turns { get; init; } = 8;

    /// <summary>Sessions start spread over this time.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(20);

    public int Seed { get; init; } = 14;

    /// <summary>Per connect: 429 (with <c>Retry-After: 1</c>).</summary>
    public double Refuse { get; init; } = 0.1;

    /// <summary>Per response: the socket drops after 1 to 5 audio deltas.</summary>
    public double Drop { get; init; } = 0.05;

    /// <summary>Per response: output stalls for 30 s after the first audio (longer than <see cref="StallTimeout"/>).</summary>
    public double Stall { get; init; } = 0.03;

    /// <summary>Per upstream session: <c>session_expired</c> between 2 and 20 s after it opened.</summary>
    public double Expire { get; init; } = 0.3;

    /// <summary>Per upstream session: the service reads each client frame 20 ms late.</summary>
    public double SlowRead { get; init; } = 0.1;

    /// <summary>The grain's <c>RealtimeSessions:Upstream:StallTimeout</c> for the run.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan TurnDeadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Where to save the host's output (none when null).</summary>
    public string? Logs { get; init; }

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var read = new ArgumentReader(args, Names);
        var defaults = new ChaosOptions();
        return new ChaosOptions
        {
            Sessions = read.Int("sessions", defaults.Sessions, min: 1),
            Turns = read.Int("turns", defaults.Turns, min: 1),
            Ramp = read.Duration("ramp", defaults.Ramp),
            Seed = read.Int("seed", defaults.Seed),
            Refuse = read.Probability("refuse", defaults.Refuse),
            Drop = read.Probability("drop", defaults.Drop),
            Stall = read.Probability("stall", defaults.Stall),
            Expire = read.Probability("expire", defaults.Expire),
            SlowRead = read.Probability("slow-read", defaults.SlowRead),
            StallTimeout = read.Duration("stall-timeout", defaults.StallTimeout),
            TurnDeadline = read.Duration("turn-deadline", defaults.TurnDeadline),
            Logs = read.Text("logs"),
        };
    }
}
