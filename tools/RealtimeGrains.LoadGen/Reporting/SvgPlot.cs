using System.Globalization;
using System.Text;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// A two-panel SVG of a run against session count: first-audio latency (p50 dashed, p99 solid) per path, and CPU of the
/// process in the middle (silo or relay) per session. Written by hand: no plotting package is needed.
/// </summary>
internal static class SvgPlot
{
    private const int PanelWidth = 440;
    private const int PanelHeight = 300;
    private const int Left = 60;
    private const int Top = 40;

    private static readonly Dictionary<string, string> Colors = new(StringComparer.Ordinal)
    {
        [LoadPaths.Direct] = "#666666",
        [LoadPaths.Relay] = "#1f77b4",
        [LoadPaths.Gateway] = "#d62728",
        [LoadPaths.SignalR] = "#2ca02c",
        [LoadPaths.Baseline] = "#ff7f0e",
    };

    public static string Render(IReadOnlyList<PhaseResult> results, string title)
    {
        var svg = new StringBuilder();
        var width = (2 * (PanelWidth + Left)) + 40;
        var height = PanelHeight + Top + 90;
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect width="{width}" height="{height}" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{Escape(title)}</text>""");
        var paths = results.Select(r => r.Path).Distinct().ToList();
        Panel(svg, results, paths, 0, "first audio after end of speech (ms, log scale): p99 solid, p50 dashed",
            [(r => r.FirstAudioP99, false), (r => r.FirstAudioP50, true)], logScale: true);
        Panel(svg, results, [.. paths.Where(p => p != LoadPaths.Direct)], PanelWidth + Left + 20, "CPU of the middle process per session (ms per session-second)",
            [(r => r.MiddleCpuMsPerSessionSecond, false)], logScale: false);

        // Legend (narrower entries when five paths would not fit).
        var x = Left;
        var step = Math.Min(230, (width - Left) / Math.Max(1, paths.Count));
        foreach (var path in paths)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="{height - 20}" x2="{x + 24}" y2="{height - 20}" stroke="{Color(path)}" stroke-width="2.5"/><text x="{x + 30}" y="{height - 16}">{Escape(Describe(path))}</text>""");
            x += step;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<PhaseResult> results, IReadOnlyList<string> paths, int offsetX,
        string caption, (Func<PhaseResult, double> Value, bool Dashed)[] series, bool logScale)
    {
        var c = CultureInfo.InvariantCulture;
        var shown = results.Where(r => paths.Contains(r.Path)).ToList();
        var xs = results.Select(r => (double)r.Sessions).Distinct().Order().ToList();
        if (shown.Count == 0 || xs.Count == 0)
        {
            return;
        }

        var xMax = xs[^1];
        var values = shown.SelectMany(r => series.Select(s => s.Value(r))).Where(v => v > 0).DefaultIfEmpty(1).ToList();
        var ticks = logScale ? LogTicks(values.Min(), values.Max()) : [.. Enumerable.Range(0, 6).Select(i => NiceCeiling(values.Max()) * i / 5)];
        var (low, high) = (ticks[0], ticks[^1]);
        double X(double sessions) => offsetX + Left + (sessions / xMax * PanelWidth);
        double Y(double value) => logScale
            ? Top + PanelHeight - ((Math.Log10(Math.Max(value, low)) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low)) * PanelHeight)
            : Top + PanelHeight - (value / high * PanelHeight);

        svg.AppendLine(c, $"""<text x="{offsetX + Left + (PanelWidth / 2)}" y="{Top - 8}" text-anchor="middle">{Escape(caption)}</text>""");
        svg.AppendLine(c, $"""<rect x="{offsetX + Left}" y="{Top}" width="{PanelWidth}" height="{PanelHeight}" fill="none" stroke="#999"/>""");
        foreach (var value in ticks)
        {
            svg.AppendLine(c, $"""<line x1="{offsetX + Left}" y1="{Y(value):0.0}" x2="{offsetX + Left + PanelWidth}" y2="{Y(value):0.0}" stroke="#eee"/><text x="{offsetX + Left - 6}" y="{Y(value) + 4:0.0}" text-anchor="end">{Format(value)}</text>""");
        }

        foreach (var sessions in xs)
        {
            svg.AppendLine(c, $"""<text x="{X(sessions):0.0}" y="{Top + PanelHeight + 16}" text-anchor="middle">{sessions:0}</text>""");
        }

        svg.AppendLine(c, $"""<text x="{offsetX + Left + (PanelWidth / 2)}" y="{Top + PanelHeight + 34}" text-anchor="middle">concurrent sessions</text>""");
        foreach (var path in paths)
        {
            var points = shown.Where(r => r.Path == path).OrderBy(r => r.Sessions).ToList();
            foreach (var (value, dashed) in series)
            {
                var line = string.Join(" ", points.Select(r => string.Create(c, $"{X(r.Sessions):0.0},{Y(value(r)):0.0}")));
                svg.AppendLine(c, $"""<polyline points="{line}" fill="none" stroke="{Color(path)}" stroke-width="2"{(dashed ? " stroke-dasharray=\"5,4\"" : string.Empty)}/>""");
                foreach (var r in points)
                {
                    svg.AppendLine(c, $"""<circle cx="{X(r.Sessions):0.0}" cy="{Y(value(r)):0.0}" r="3" fill="{Color(path)}"/>""");
                }
            }
        }
    }

    private static string Describe(string path) => path switch
    {
        LoadPaths.Direct => "direct to simulator",
        LoadPaths.Relay => "pass-through relay",
        LoadPaths.Gateway => "gateway → session → simulator",
        LoadPaths.SignalR => "SignalR hub (Node client)",
        LoadPaths.Baseline => "gateway, baseline build",
        _ => path,
    };

    private static string Color(string path) => Colors.GetValueOrDefault(path, "#9467bd");

    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>1-2-5 ticks from the largest at or below <paramref name="min"/> to the smallest at or above <paramref name="max"/>.</summary>
    private static List<double> LogTicks(double min, double max)
    {
        var all = new List<double>();
        var decade = Math.Pow(10, Math.Floor(Math.Log10(min)));
        for (var d = 0; d < 12; d++, decade *= 10)
        {
            all.AddRange(Mantissas.Select(m => m * decade));
        }

        var low = all.Where(t => t <= min).DefaultIfEmpty(all[0]).Max();
        var high = all.Where(t => t >= max).DefaultIfEmpty(all[^1]).Min();
        var ticks = all.Where(t => t >= low && t <= high).ToList();
        return ticks.Count > 1 ? ticks : [low, low * 2];
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (value <= step * magnitude)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Format(double value) => value >= 10 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
