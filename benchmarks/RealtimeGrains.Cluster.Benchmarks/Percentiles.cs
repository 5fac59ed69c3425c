using System.Globalization;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>Nearest-rank percentiles of a sample, formatted for the report.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile (nearest rank) of <paramref name="values"/>; NaN when empty.</summary>
    public static double Of(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary><c>n=…, p50 …, p99 …, max …</c> with <paramref name="format"/> for the values.</summary>
    public static string Summary(IReadOnlyCollection<double> values, string unit, string format = "0")
    {
        if (values.Count == 0)
        {
            return "n=0";
        }

        var suffix = unit.Length == 0 ? "" : " " + unit;
        string F(double v) => v.ToString(format, CultureInfo.InvariantCulture) + suffix;
        return $"n={values.Count}, p50 {F(Of(values, 50))}, p90 {F(Of(values, 90))}, p99 {F(Of(values, 99))}, max {F(values.Max())}";
    }
}
