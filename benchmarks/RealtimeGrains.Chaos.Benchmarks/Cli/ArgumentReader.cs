using System.Globalization;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>Reads <c>--name value</c> pairs; durations take <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>. Unknown names are refused.</summary>
internal sealed class ArgumentReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ArgumentReader(IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
            {
                throw new ArgumentException($"Unknown argument '{name}'.");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            _values[name[2..]] = args[++i];
        }
    }

    public int Int(string name, int fallback, int min = 0) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min ? value : throw new ArgumentException($"--{name} must be a whole number of at least {min} (was '{text}').")
            : fallback;

    public double Probability(string name, double fallback) =>
        _values.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1 ? value : throw new ArgumentException($"--{name} must be a probability from 0 to 1 (was '{text}').")
            : fallback;

    public TimeSpan Duration(string name, TimeSpan fallback) =>
        _values.TryGetValue(name, out var text) ? ParseDuration(name, text) : fallback;

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public static TimeSpan ParseDuration(string name, string text)
    {
        (string Suffix, double Unit)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, unit) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return TimeSpan.FromSeconds(amount * unit);
            }
        }

        throw new ArgumentException($"--{name} must be a positive duration such as 500ms, 30s, 2m or 1h (was '{text}').");
    }
}
