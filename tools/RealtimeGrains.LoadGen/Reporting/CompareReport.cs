using System.Globalization;
using System.Text;

namespace RealtimeGrains.LoadGen;

/// <summary>The result tables of a run as Markdown (printed, and pasted into <c>docs/benchmarks.md</c>).</summary>
internal static class CompareReport
{
    /// <summary>Goal: p99 first-audio latency the full path adds over the direct path.</summary>
    public const double AddedLatencyGoalMs = 20;

    /// <summary>Goal: the full path's silo CPU per session over the relay's.</summary>
    public const double CpuRatioGoal = 1.5;

    public static string Markdown(IReadOnlyList<PhaseResult> results, string header)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(header).AppendLine();
        text.AppendLine("| sessions | path | sustained | first audio p50 / p95 / p99 ms | tool round trip p50 / p99 ms | jitter p50 / p99 ms | behind real time p99 / max ms | middle CPU cores | middle CPU ms per session-s | middle RSS growth KiB/session | simulator cores | loadgen cores | turns | barge-ins | tool calls | errors |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var middle = r.Path == LoadPaths.Direct;
            text.AppendLine(c, $"| {r.Sessions} | {r.Path} | {r.Sustained} | {r.FirstAudioP50:0.0} / {r.FirstAudioP95:0.0} / {r.FirstAudioP99:0.0} | {r.ToolRoundTripP50:0} / {r.ToolRoundTripP99:0} | {r.JitterP50:0.0} / {r.JitterP99:0.0} | {r.LatenessP99:0} / {r.LatenessMax:0} | {(middle ? "–" : r.MiddleCores.ToString("0.00", c))} | {(middle ? "–" : r.MiddleCpuMsPerSessionSecond.ToString("0.000", c))} | {(middle ? "–" : r.MiddleKiBPerSession.ToString("0", c))} | {r.SimulatorCores:0.00} | {r.LoadGenCores:0.00} | {r.Turns} | {r.BargeIns} | {r.ToolCalls} | {r.Errors}{(r.ErrorCodes.Length > 0 ? " (" + r.ErrorCodes + ")" : string.Empty)} |");
        }

        AppendTargets(text, results);

        var counts = results.Select(r => r.Sessions).Distinct().ToList();
        if (results.Any(r => r.Path == LoadPaths.Gateway))
        {
            text.AppendLine();
            text.AppendLine(c, $"| sessions | gateway sustained | added first-audio latency vs direct p50 / p99 ms | vs relay p50 / p99 ms | CPU per session gateway ÷ relay | goal (≥ 1000 sustained, p99 added ≤ {AddedLatencyGoalMs} ms, CPU ratio ≤ {CpuRatioGoal}) |");
            text.AppendLine("|---:|---:|---:|---:|---:|---|");
            foreach (var n in counts)
            {
                var a = Find(results, n, LoadPaths.Gateway);
                var b = Find(results, n, LoadPaths.Direct);
                var relay = Find(results, n, LoadPaths.Relay);
                if (a is null)
                {
                    continue;
                }

                var overDirect = b is null ? "–" : string.Create(c, $"{a.FirstAudioP50 - b.FirstAudioP50:+0.0;-0.0} / {a.FirstAudioP99 - b.FirstAudioP99:+0.0;-0.0}");
                var overRelay = relay is null ? "–" : string.Create(c, $"{a.FirstAudioP50 - relay.FirstAudioP50:+0.0;-0.0} / {a.FirstAudioP99 - relay.FirstAudioP99:+0.0;-0.0}");
                var ratio = CpuRatio(a, relay);
                text.AppendLine(c, $"| {n} | {a.Sustained}/{n} | {overDirect} | {overRelay} | {(ratio is { } x ? x.ToString("0.00", c) + "×" : "–")} | {Verdict(a, b, ratio)} |");
            }
        }

        if (results.Any(r => r.Path == LoadPaths.Baseline))
        {
            text.AppendLine();
            text.AppendLine("Current build (`gateway`) against the baseline build (`gateway-baseline`): the same sessions at the same counts, the two phases back to back, alternating which runs first.");
            text.AppendLine();
            text.AppendLine("| sessions | sustained current / baseline | added first-audio latency vs direct, current p50 / p99 ms | baseline p50 / p99 ms | host CPU ms per session-s current / baseline | host CPU per session current ÷ baseline | host RSS growth KiB/session current / baseline | errors current / baseline |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var n in counts)
            {
                var current = Find(results, n, LoadPaths.Gateway);
                var baseline = Find(results, n, LoadPaths.Baseline);
                if (current is null || baseline is null)
                {
                    continue;
                }

                var direct = Find(results, n, LoadPaths.Direct);
                string Added(PhaseResult r) => direct is null ? "–" : string.Create(c, $"{r.FirstAudioP50 - direct.FirstAudioP50:+0.0;-0.0} / {r.FirstAudioP99 - direct.FirstAudioP99:+0.0;-0.0}");
                var ratio = CpuRatio(current, baseline);
                text.AppendLine(c, $"| {n} | {current.Sustained} / {baseline.Sustained} of {n} | {Added(current)} | {Added(baseline)} | {current.MiddleCpuMsPerSessionSecond:0.000} / {baseline.MiddleCpuMsPerSessionSecond:0.000} | {(ratio is { } x ? x.ToString("0.00", c) + "×" : "–")} | {current.MiddleKiBPerSession:0} / {baseline.MiddleKiBPerSession:0} | {current.Errors} / {baseline.Errors} |");
            }
        }

        return text.ToString();
    }

    /// <summary>The per-URL table of the phases that ran against more than one target (sessions assigned round-robin).</summary>
    private static void AppendTargets(StringBuilder text, IReadOnlyList<PhaseResult> results)
    {
        var spread = results.Where(r => r.Targets is { Count: > 1 }).ToList();
        if (spread.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        text.AppendLine();
        text.AppendLine("Per URL (session i on URL i mod n, for its token and its socket):");
        text.AppendLine();
        text.AppendLine("| sessions | path | url | sessions on it | sustained | errors |");
        text.AppendLine("|---:|---|---|---:|---:|---|");
        foreach (var r in spread)
        {
            foreach (var t in r.Targets!)
            {
                text.AppendLine(c, $"| {r.Sessions} | {r.Path} | {t.Url} | {t.Sessions} | {t.Sustained} | {t.Errors}{(t.ErrorCodes.Length > 0 ? " (" + t.ErrorCodes + ")" : string.Empty)} |");
            }
        }
    }

    public static PhaseResult? Find(IReadOnlyList<PhaseResult> results, int sessions, string path) =>
        results.FirstOrDefault(r => r.Sessions == sessions && r.Path == path);

    /// <summary>Middle-process CPU per session-second of <paramref name="gateway"/> over that of <paramref name="relay"/> (the relay, or the baseline build's gateway).</summary>
    public static double? CpuRatio(PhaseResult gateway, PhaseResult? relay) =>
        relay is null || relay.MiddleCpuMsPerSessionSecond <= 0 ? null : gateway.MiddleCpuMsPerSessionSecond / relay.MiddleCpuMsPerSessionSecond;

    private static string Verdict(PhaseResult gateway, PhaseResult? direct, double? ratio)
    {
        var parts = new List<string>();
        if (gateway.Sustained < gateway.Sessions)
        {
            parts.Add($"{gateway.Sessions - gateway.Sustained} not sustained");
        }

        if (direct is not null && gateway.FirstAudioP99 - direct.FirstAudioP99 > AddedLatencyGoalMs)
        {
            parts.Add("latency over goal");
        }

        if (ratio > CpuRatioGoal)
        {
            parts.Add("CPU over goal");
        }

        if (gateway.Sessions < 1000)
        {
            parts.Add("below 1000 sessions");
        }

        return parts.Count == 0 ? "met" : string.Join(", ", parts);
    }
}
