using RealtimeGrains.Simulator;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>The figures of a chaos run.</summary>
internal sealed record ChaosResult
{
    public required int Sessions { get; init; }

    public required int Recovered { get; init; }

    public required int TurnsSent { get; init; }

    public required int TurnsAnswered { get; init; }

    public required int TurnsLostTold { get; init; }

    public required int LostItems { get; init; }

    public required int IncompleteTranscripts { get; init; }

    public required int DuplicateResponses { get; init; }

    public required IReadOnlyList<TimeSpan> Recoveries { get; init; }

    public required SimulatorFaultCounts Faults { get; init; }

    public required IReadOnlyDictionary<string, int> Notices { get; init; }

    public required int UpstreamConnections { get; init; }

    public required int MaxConcurrentUpstreamsPerSession { get; init; }

    public required int UnplannedReconnects { get; init; }

    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The session of the slowest recovery (to look it up in the host's log), if any.</summary>
    public string? SlowestRecoverySession { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>
    /// The goal: every session recovered, nothing lost, no duplicate. (<see cref="MaxConcurrentUpstreamsPerSession"/> is shown,
    /// not judged: the simulator counts a socket open until it is done with it, up to 5 s after the grain has let it go.)
    /// </summary>
    public bool Passed => Recovered == Sessions && LostItems == 0 && IncompleteTranscripts == 0 && DuplicateResponses == 0;

    public void Print(TextWriter output)
    {
        output.WriteLine("== chaos results");
        output.WriteLine($"sessions recovered     {Recovered}/{Sessions}  (turns sent {TurnsSent}, answered {TurnsAnswered}, lost and told {TurnsLostTold})");
        output.WriteLine($"lost items             {LostItems}   incomplete transcripts {IncompleteTranscripts}");
        output.WriteLine($"duplicate responses    {DuplicateResponses}");
        output.WriteLine($"recovery time          p50 {Percentiles.Of(Recoveries, 50).TotalSeconds:0.00} s  p99 {Percentiles.Of(Recoveries, 99).TotalSeconds:0.00} s  max {Percentiles.Of(Recoveries, 100).TotalSeconds:0.00} s  ({Recoveries.Count} recoveries: first fault notice -> next completed response; slowest {SlowestRecoverySession ?? "-"})");
        output.WriteLine($"faults injected        429 at connect {Faults.ConnectRefusals}, drop mid-response {Faults.MidResponseDrops}, stall {Faults.Stalls}, early session_expired {Faults.EarlyExpiries}, slow reads {Faults.SlowReadSessions} (total {Faults.Total})");
        output.WriteLine($"client was told        {string.Join(", ", Notices.OrderByDescending(n => n.Value).Select(n => $"{n.Key} {n.Value}"))}");
        output.WriteLine($"upstream sockets       {UpstreamConnections} opened; most open at once for one session {MaxConcurrentUpstreamsPerSession} (as the simulator counts: a socket the grain gave up stays open there until the simulator closes it); client sockets the server closed {UnplannedReconnects}");
        output.WriteLine($"elapsed                {Elapsed.TotalSeconds:0.0} s");
        foreach (var problem in Problems.Take(10))
        {
            output.WriteLine($"  problem: {problem}");
        }

        output.WriteLine($"chaos: recovered {Recovered}/{Sessions}, lost items {LostItems}, duplicate responses {DuplicateResponses}, recovery p50/p99 {Percentiles.Of(Recoveries, 50).TotalSeconds:0.00}/{Percentiles.Of(Recoveries, 99).TotalSeconds:0.00} s, faults {Faults.Total} -> {(Passed ? "PASS" : "FAIL")}");
    }
}
