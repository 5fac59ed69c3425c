using System.Globalization;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>Console lines stamped with the run's clock, and a progress line repeated while something is awaited.</summary>
internal static class Progress
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>Writes <paramref name="line"/> prefixed with the time since the run started.</summary>
    public static void Say(string line) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{BenchmarkClock.Now.TotalSeconds,7:0.0} s] {line}"));

    /// <summary>Writes an unstamped line (tables, figures).</summary>
    public static void Figure(string line) => Console.WriteLine("    " + line);

    /// <summary>Writes <paramref name="line"/>() every 2 s until <paramref name="work"/> ends, then once more; returns the work's result.</summary>
    public static async Task<T> WhileAsync<T>(Task<T> work, Func<string> line)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(line);
        while (await Task.WhenAny(work, Task.Delay(Every)) != work)
        {
            Say(line());
        }

        Say(line());
        return await work;
    }

    /// <summary>As <see cref="WhileAsync{T}"/> for work without a result.</summary>
    public static async Task WhileAsync(Task work, Func<string> line)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(line);
        while (await Task.WhenAny(work, Task.Delay(Every)) != work)
        {
            Say(line());
        }

        Say(line());
        await work;
    }

    /// <summary>Milliseconds as seconds with one decimal (or "n/a").</summary>
    public static string Seconds(double ms) => double.IsNaN(ms) ? "n/a" : (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture);
}
