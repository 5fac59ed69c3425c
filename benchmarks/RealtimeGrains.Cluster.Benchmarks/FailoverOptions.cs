using System.Globalization;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>Command-line options of the failover benchmark.</summary>
/// <param name="Sessions">Sessions opened, round-robin over the silos.</param>
/// <param name="Silos">Silo processes (at least 2: one is killed).</param>
/// <param name="TurnEvery">Interval between the starts of a session's turns (a turn that outlasts it delays the next).</param>
/// <param name="Settle">Streaming time after the last session attached before the state is read and the silo is killed.</param>
/// <param name="Deadline">How long after the kill an affected session may take to be live again.</param>
/// <param name="CrossSiloTurns">Turns timed from a client on the grain's silo and as many from a client on another silo.</param>
/// <param name="Kill">Name of the silo that is killed.</param>
/// <param name="LogDirectory">Where every silo's output is saved at the end.</param>
/// <param name="ConnectTimeout">How long a resuming client waits for one WebSocket handshake before it gives that try up and retries.</param>
internal sealed record FailoverOptions(
    int Sessions,
    int Silos,
    TimeSpan TurnEvery,
    TimeSpan Settle,
    TimeSpan Deadline,
    int CrossSiloTurns,
    string Kill,
    string LogDirectory,
    TimeSpan ConnectTimeout)
{
    /// <summary>The usage line printed for a bad argument.</summary>
    public const string Usage =
        "usage: dotnet run -c Release --project benchmarks/RealtimeGrains.Cluster.Benchmarks -- [--sessions 200] [--silos 3] " +
        "[--turn-every 3s] [--settle 10s] [--deadline 60s] [--cross-silo-turns 40] [--kill silo-N] [--logs DIR] [--connect-timeout 30s]";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static FailoverOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }

            values[name] = args[++i];
        }

        string? Raw(string name) => values.Remove(name, out var value) ? value : null;
        int Int(string name, int fallback, int min) =>
            Raw(name) is { } text
                ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new ArgumentException($"{name} must be an integer ≥ {min}, not '{text}'.")
                : fallback;
        TimeSpan Duration(string name, TimeSpan fallback) =>
            Raw(name) is { } text ? ParseDuration(text) ?? throw new ArgumentException($"{name} must be a duration such as 3s, 500ms or 2m, not '{text}'.") : fallback;

        var sessions = Int("--sessions", 200, 1);
        var silos = Int("--silos", 3, 2);
        var options = new FailoverOptions(
            sessions,
            silos,
            Duration("--turn-every", TimeSpan.FromSeconds(3)),
            Duration("--settle", TimeSpan.FromSeconds(10)),
            Duration("--deadline", TimeSpan.FromSeconds(60)),
            Int("--cross-silo-turns", 40, 0),
            Raw("--kill") ?? $"silo-{silos.ToString(CultureInfo.InvariantCulture)}",
            Path.GetFullPath(Raw("--logs") ?? Path.Combine(AppContext.BaseDirectory, "failover-logs")),
            Duration("--connect-timeout", TimeSpan.FromSeconds(30)));
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option '{values.Keys.First()}'.");
        }

        var known = Enumerable.Range(1, silos).Select(n => $"silo-{n.ToString(CultureInfo.InvariantCulture)}");
        if (!known.Contains(options.Kill, StringComparer.Ordinal))
        {
            throw new ArgumentException($"--kill must name one of {string.Join(", ", known)}, not '{options.Kill}'.");
        }

        if (options.TurnEvery <= TimeSpan.Zero || options.Deadline <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero || options.Settle < TimeSpan.Zero)
        {
            throw new ArgumentException("--turn-every, --deadline and --connect-timeout must be positive, --settle not negative.");
        }

        return options;
    }

    /// <summary><c>500ms</c>, <c>3s</c>, <c>1.5s</c>, <c>2m</c>, or a bare number of seconds; null when it is none of those.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value * scale)
            : null;
    }
}
