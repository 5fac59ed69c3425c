namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>The figures and checks of a soak run.</summary>
internal sealed record SoakResult
{
    public required int SessionsRun { get; init; }

    public required int Recovered { get; init; }

    public required int TurnsSent { get; init; }

    public required int TurnsAnswered { get; init; }

    public required int BargeIns { get; init; }

    public required int Reconnects { get; init; }

    public required int UpstreamConnections { get; init; }

    public required HostSample Baseline { get; init; }

    public required HostSample WarmedUp { get; init; }

    public required HostSample AtEnd { get; init; }

    public required HostSample AfterIdle { get; init; }

    public required int Concurrent { get; init; }

    public required IReadOnlyList<SoakCheck> Checks { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public bool Passed => Checks.All(c => c.Passed);

    public void Print(TextWriter output)
    {
        output.WriteLine("== soak results");
        output.WriteLine($"sessions run           {SessionsRun} ({Concurrent} at a time), recovered {Recovered}; turns sent {TurnsSent}, answered {TurnsAnswered}, barged in {BargeIns}; client reconnects {Reconnects}; upstream sockets {UpstreamConnections} (rollovers and reconnects)");
        output.WriteLine($"host heap (after GC)   baseline {Mb(Baseline.HeapBytes)}, warmed up {Mb(WarmedUp.HeapBytes)}, end {Mb(AtEnd.HeapBytes)}, after idle {Mb(AfterIdle.HeapBytes)}");
        output.WriteLine($"heap per session       warmed up {Kb((WarmedUp.HeapBytes - Baseline.HeapBytes) / Concurrent)}, end {Kb((AtEnd.HeapBytes - Baseline.HeapBytes) / Concurrent)}");
        output.WriteLine($"activations            baseline {Baseline.Activations}, warmed up {WarmedUp.Activations} ({WarmedUp.SessionActivations} sessions), end {AtEnd.Activations}, after idle {AfterIdle.Activations} ({AfterIdle.SessionActivations} sessions)");
        output.WriteLine($"timers / sockets       baseline {Baseline.Timers}/{Baseline.Sockets}, warmed up {WarmedUp.Timers}/{WarmedUp.Sockets}, end {AtEnd.Timers}/{AtEnd.Sockets}, after idle {AfterIdle.Timers}/{AfterIdle.Sockets}");
        output.WriteLine($"elapsed                {Elapsed.TotalSeconds:0.0} s");
        foreach (var check in Checks)
        {
            output.WriteLine($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Name}: {check.Detail}");
        }

        foreach (var problem in Problems.Take(10))
        {
            output.WriteLine($"  problem: {problem}");
        }

        output.WriteLine($"soak: {Checks.Count(c => c.Passed)}/{Checks.Count} checks passed, {SessionsRun} sessions, heap per session {Kb((WarmedUp.HeapBytes - Baseline.HeapBytes) / Concurrent)} -> {Kb((AtEnd.HeapBytes - Baseline.HeapBytes) / Concurrent)} -> {(Passed ? "PASS" : "FAIL")}");
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";

    private static string Kb(long bytes) => $"{bytes / 1024.0:0.0} KB";
}
