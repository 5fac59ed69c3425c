using System.Xml.Linq;
using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Reporting;

public sealed class ReportTests
{
    private static readonly PhaseResult[] Results =
    [
        new() { Path = LoadPaths.Direct, Sessions = 100, Connected = 100, Sustained = 100, FirstAudioP50 = 230, FirstAudioP99 = 250, WallSeconds = 10 },
        new() { Path = LoadPaths.Relay, Sessions = 100, Connected = 100, Sustained = 100, FirstAudioP50 = 232, FirstAudioP99 = 255, MiddleCpuSeconds = 1, WallSeconds = 10 },
        new() { Path = LoadPaths.Gateway, Sessions = 100, Connected = 100, Sustained = 100, FirstAudioP50 = 236, FirstAudioP99 = 280, MiddleCpuSeconds = 2, WallSeconds = 10 },
    ];

    [Fact]
    public void Markdown_GatewayOverRelay_ReportsAddedLatencyAndCpuRatio()
    {
        var text = CompareReport.Markdown(Results, "header");

        // p99 280 vs direct 250 = +30 ms (over the 20 ms goal); CPU 2 s vs 1 s = 2.00x (over 1.5x).
        Assert.Contains("+6.0 / +30.0", text, StringComparison.Ordinal);
        Assert.Contains("2.00×", text, StringComparison.Ordinal);
        Assert.Contains("latency over goal", text, StringComparison.Ordinal);
        Assert.Contains("CPU over goal", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_IsWellFormedWithOneLinePerPathAndSeries()
    {
        var svg = XDocument.Parse(SvgPlot.Render(Results, "title & <co>"));

        var polylines = svg.Descendants().Count(e => e.Name.LocalName == "polyline");

        // Latency panel: 3 paths x (p99, p50); CPU panel: relay and gateway.
        Assert.Equal(8, polylines);
    }
}
