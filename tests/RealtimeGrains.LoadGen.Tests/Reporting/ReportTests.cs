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
    public void Markdown_WithBaselineBuild_ComparesBothBuildsAtEachCount()
    {
        PhaseResult[] results =
        [
            .. Results,
            new() { Path = LoadPaths.Baseline, Sessions = 100, Connected = 100, Sustained = 99, FirstAudioP50 = 234, FirstAudioP99 = 262, MiddleCpuSeconds = 1.6, WallSeconds = 10, Errors = 1 },
        ];

        var text = CompareReport.Markdown(results, "header");

        // Both rows in the main table.
        Assert.Contains("| 100 | gateway | 100 |", text, StringComparison.Ordinal);
        Assert.Contains("| 100 | gateway-baseline | 99 |", text, StringComparison.Ordinal);

        // Added latency of each build over direct (p50 236/234 vs 230, p99 280/262 vs 250), CPU 2.0 ÷ 1.6 ms per session-s.
        Assert.Contains("| 100 | 100 / 99 of 100 | +6.0 / +30.0 | +4.0 / +12.0 | 2.000 / 1.600 | 1.25× |", text, StringComparison.Ordinal);
        Assert.EndsWith("| 0 / 1 |", text.TrimEnd(), StringComparison.Ordinal); // errors current / baseline
    }

    [Fact]
    public void Markdown_WithoutBaseline_HasNoBuildComparison()
    {
        Assert.DoesNotContain("baseline", CompareReport.Markdown(Results, "header"), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RunOverSeveralUrls_HasOneRowPerUrl()
    {
        var run = Results[2] with
        {
            Sessions = 3,
            Sustained = 2,
            Errors = 1,
            Targets =
            [
                new() { Url = "http://127.0.0.1:5001/", Sessions = 2, Sustained = 2 },
                new() { Url = "http://127.0.0.1:5002/", Sessions = 1, Sustained = 0, Errors = 1, ErrorCodes = "connect_failed×1" },
            ],
        };

        var text = CompareReport.Markdown([run], "header");

        Assert.Contains("| 3 | gateway | http://127.0.0.1:5001/ | 2 | 2 | 0 |", text, StringComparison.Ordinal);
        Assert.Contains("| 3 | gateway | http://127.0.0.1:5002/ | 1 | 0 | 1 (connect_failed×1) |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_OneUrl_HasNoPerUrlTable()
    {
        Assert.DoesNotContain("Per URL", CompareReport.Markdown(Results, "header"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_OneUrl_OmitsTargetsAndSeveralRoundTrip()
    {
        var one = System.Text.Json.JsonSerializer.Serialize(Results[0], LoadGenJsonContext.Default.PhaseResult);
        var several = Results[0] with { Targets = [new() { Url = "http://127.0.0.1:5001/", Sessions = 1, Sustained = 1 }, new() { Url = "http://127.0.0.1:5002/", Sessions = 1 }] };
        var back = System.Text.Json.JsonSerializer.Deserialize(System.Text.Json.JsonSerializer.Serialize(several, LoadGenJsonContext.Default.PhaseResult), LoadGenJsonContext.Default.PhaseResult)!;

        Assert.DoesNotContain("Targets", one, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(several.Targets, back.Targets);
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
