using System.Globalization;

namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>Command-line options.</summary>
/// <param name="Sessions">Concurrent sessions per phase.</param>
/// <param name="Seconds">Measured seconds per phase.</param>
/// <param name="WarmupSeconds">Seconds of streaming before measuring.</param>
internal sealed record BenchmarkOptions(int Sessions, int Seconds, int WarmupSeconds)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(Value("--sessions", 25), Value("--seconds", 15), Value("--warmup", 4));
    }
}
