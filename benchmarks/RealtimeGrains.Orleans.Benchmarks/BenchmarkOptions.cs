using System.Globalization;

namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>Command line: <c>--rounds N --calls N --activations N --quick</c>.</summary>
public sealed record BenchmarkOptions(int Rounds, int Calls, int Activations, bool Quick)
{
    /// <summary>Mixed calls before anything is measured, so that tiered JIT/PGO has promoted the hot paths.</summary>
    public TimeSpan GlobalWarmup => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(3);

    /// <summary>Minimum unmeasured time each scenario runs before its first measured round.</summary>
    public TimeSpan ScenarioWarmup => Quick ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromMilliseconds(500);

    public const string Usage =
        "Usage: dotnet run -c Release --project benchmarks/RealtimeGrains.Orleans.Benchmarks -- " +
        "[--rounds N (7)] [--calls N per round (200000)] [--activations N (20000)] [--quick]";

    public static BenchmarkOptions Default { get; } = new(Rounds: 7, Calls: 200_000, Activations: 20_000, Quick: false);

    public static BenchmarkOptions QuickDefaults { get; } = new(Rounds: 2, Calls: 4_000, Activations: 2_000, Quick: true);

    /// <summary>Parses the arguments; <c>--quick</c> sets small defaults that explicit options still override.</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var options = args.Contains("--quick") ? QuickDefaults : Default;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--rounds" when TryPositive(args, ++i, out var rounds):
                    options = options with { Rounds = rounds };
                    break;
                case "--calls" when TryPositive(args, ++i, out var calls):
                    options = options with { Calls = calls };
                    break;
                case "--activations" when TryPositive(args, ++i, out var activations):
                    options = options with { Activations = activations };
                    break;
                default:
                    error = $"Unrecognised or invalid argument '{args[Math.Min(i, args.Length - 1)]}'.";
                    return null;
            }
        }

        return options;
    }

    private static bool TryPositive(string[] args, int index, out int value)
    {
        value = 0;
        return index < args.Length
            && int.TryParse(args[index], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value)
            && value > 0;
    }
}
