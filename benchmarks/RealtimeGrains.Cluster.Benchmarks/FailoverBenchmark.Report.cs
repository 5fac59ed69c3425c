using System.Globalization;
using RealtimeGrains.TestKit.Cluster;
using static RealtimeGrains.Cluster.Benchmarks.Progress;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>The figures of a run, printed once every phase has ended, and the verdict line.</summary>
internal sealed partial class FailoverBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Affected sessions live again by the deadline.</summary>
    private List<BenchSession> Resumed() =>
        [.. _affected.Where(s => s.Resume is { Resumed: true } r && r.LiveAt!.Value - _killAt <= _options.Deadline)];

    private List<double> SinceKillMs(IEnumerable<TimeSpan?> times) =>
        [.. times.Where(t => t is not null).Select(t => (t!.Value - _killAt).TotalMilliseconds)];

    private int LostItems() => Resumed().Sum(s => s.Persisted!.Count(id => !s.Resume!.Replayed.Contains(id)));

    private void PrintReport()
    {
        Console.WriteLine();
        Console.WriteLine("== results");
        PrintStreaming();
        PrintCrossSilo();
        PrintFailover();
        PrintSimulator();
        PrintCpu();
        PrintSiloLogs();
    }

    private void PrintStreaming()
    {
        var before = _sessions.SelectMany(s => s.Turns).Where(t => t.SentAt < _killAt).ToList();
        var after = Unaffected().SelectMany(s => s.Turns).Where(t => t.SentAt >= _killAt).ToList();
        Console.WriteLine($"streaming (the turn loops; {_sessions.Count} sessions, {_attachFailures.Count} could not be opened):");
        Figure($"before the kill: {before.Count} turns answered; user text → first audio {Percentiles.Summary([.. before.Select(t => t.FirstAudio.TotalMilliseconds)], "ms")}");
        Figure($"  errors before the kill: {Errors(_sessions, e => e.At < _killAt)}");
        if (_sessions.Sum(s => s.Reconnects) is var reconnects and > 0)
        {
            Figure($"  unplanned drops the clients reconnected from (same silo, new token): {reconnects} in {_sessions.Count(s => s.Reconnects > 0)} sessions; first: {_sessions.SelectMany(s => s.Errors).Where(e => e.Kind == "socket lost").OrderBy(e => e.At).Select(e => $"{e.At.TotalSeconds:0.0} s, {e.Detail}").FirstOrDefault()}");
        }

        Figure($"after the kill, unaffected sessions ({Unaffected().Count()}): {after.Count} turns answered; first audio {Percentiles.Summary([.. after.Select(t => t.FirstAudio.TotalMilliseconds)], "ms")}");
        Figure($"  unaffected sessions' errors after the kill: {Errors(Unaffected(), e => e.At >= _killAt)}");
        var resumedTurns = Resumed().SelectMany(s => s.Turns).Where(t => t.SentAt >= _killAt).ToList();
        Figure($"resumed sessions' turns on their new silo (after the turn that made them live, until {(_streamedOnUntil - _killAt).TotalSeconds:0} s after the kill): {resumedTurns.Count}; first audio {Percentiles.Summary([.. resumedTurns.Select(t => t.FirstAudio.TotalMilliseconds)], "ms")}");
        Figure($"  resumed sessions' errors after they were live again: {Errors(Resumed(), e => e.At >= _killAt)}");
        foreach (var error in Unaffected().SelectMany(s => s.Errors.Where(e => e.At >= _killAt).Select(e => (s, e))).Take(5))
        {
            Figure($"    {error.s.Id} (#{error.s.Index}, {error.s.Home.Name}) +{(error.e.At - _killAt).TotalSeconds:0.0} s: {error.e.Detail}");
        }
    }

    private static string Errors(IEnumerable<BenchSession> sessions, Func<SessionError, bool> which)
    {
        var errors = sessions.SelectMany(s => s.Errors).Where(which).ToList();
        return errors.Count == 0
            ? "0"
            : $"{errors.Count} ({string.Join(", ", errors.GroupBy(e => e.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"))})";
    }

    private void PrintCrossSilo()
    {
        if (_options.CrossSiloTurns == 0)
        {
            return;
        }

        var local = _probe.LocalMs.ToList();
        var remote = _probe.RemoteMs.ToList();
        Console.WriteLine($"cross-silo first audio ({_probe.PairDifferenceMs.Count} pairs on {_probe.SessionsProbed} sessions, under the streaming load; user text → first audio delta at that client):");
        Figure($"client on the grain's silo:  {Percentiles.Summary(local, "ms")}");
        Figure($"client on another silo:      {Percentiles.Summary(remote, "ms")}");
        Figure(string.Create(
            Invariant,
            $"added by crossing silos: p50 {Percentiles.Of(remote, 50) - Percentiles.Of(local, 50):+0;-0} ms, p99 {Percentiles.Of(remote, 99) - Percentiles.Of(local, 99):+0;-0} ms; per pair (remote − local): p50 {Percentiles.Of(_probe.PairDifferenceMs, 50):+0;-0} ms, p99 {Percentiles.Of(_probe.PairDifferenceMs, 99):+0;-0} ms"));
        foreach (var failure in _probe.Failures.Take(5))
        {
            Figure("probe failure: " + failure);
        }
    }

    private void PrintFailover()
    {
        var resumed = Resumed();
        var results = _affected.Select(s => s.Resume).OfType<ResumeResult>().ToList();
        var ok = resumed.Select(s => s.Resume!).ToList();
        Console.WriteLine($"failover (kill -9 {_killed!.Name}; {_sessions.Count} sessions in total, {_affected.Count} affected, {_sessions.Count - _affected.Count} unaffected):");
        Figure($"old socket seen to end after the kill:   {Percentiles.Summary(SinceKillMs(results.Select(r => r.DroppedAt)), "ms")}");
        Figure($"successful try's token minted after:     {Percentiles.Summary(SinceKillMs(ok.Select(r => r.MintedAt)), "ms")}");
        Figure($"socket accepted (session attached) after: {Percentiles.Summary(SinceKillMs(ok.Select(r => r.ConnectedAt)), "ms")}");
        Figure($"session.created after:                    {Percentiles.Summary(SinceKillMs(ok.Select(r => r.CreatedAt)), "ms")}");
        Figure($"live again (first audio delta) after:     {Percentiles.Summary(SinceKillMs(ok.Select(r => r.LiveAt)), "ms")}");
        Figure($"tries per session: {Percentiles.Summary([.. results.Select(r => (double)r.Attempts)], "", "0")}; failed tries: " +
            (results.Sum(r => r.Failures.Values.Sum()) is var failed and > 0
                ? $"{failed} ({string.Join(", ", results.SelectMany(r => r.Failures).GroupBy(f => f.Key).OrderByDescending(g => g.Sum(f => f.Value)).Select(g => $"{g.Key} ×{g.Sum(f => f.Value)}"))})"
                : "0"));
        Figure($"resumed on: {string.Join(", ", resumed.GroupBy(s => s.Resume!.Silo).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
        foreach (var session in _affected.Except(resumed).Take(10))
        {
            Figure($"NOT resumed: {session.Id} (#{session.Index}): {session.Resume?.LastFailure ?? "no resume ran"}");
        }

        var persisted = resumed.Sum(s => s.Persisted!.Count);
        var lost = resumed.SelectMany(s => s.Persisted!.Where(id => !s.Resume!.Replayed.Contains(id)).Select(id => (s, id))).ToList();
        Figure($"persisted items of the resumed sessions (read before the kill): {persisted}; missing from the replay (lost): {lost.Count} in {lost.Select(l => l.s).Distinct().Count()} sessions");
        foreach (var (session, id) in lost.Take(5))
        {
            Figure($"  lost: {session.Id} item {id}");
        }

        var replayed = ok.Select(r => (double)r.Replayed.Count).ToList();
        var unpersisted = resumed.Sum(s => s.SeenBeforeKill.Count(id => !s.Resume!.Replayed.Contains(id)));
        Figure($"items replayed per resumed session: {Percentiles.Summary(replayed, "", "0")}; items the client had seen complete but not in the replay " +
            $"(completed after the state was read, not yet written at the kill; not counted as lost): {unpersisted}");
    }

    private void PrintSimulator()
    {
        var inspector = _harness!.Simulator.Inspector;
        var stats = inspector.AllConnectionStats();
        var ours = _sessions.Select(s => stats.GetValueOrDefault(s.Id)).OfType<RealtimeGrains.Simulator.SimulatorConnectionStats>().ToList();
        Console.WriteLine("simulator (upstream connections per product session):");
        Figure($"max concurrent upstream connections of any session over the run: {inspector.MaxConcurrentConnectionsPerSession} ({(inspector.MaxConcurrentConnectionsPerSession <= 1 ? "OK, single ownership held" : "VIOLATED: two upstream sockets at once")}; sessions with more than 1: {ours.Count(s => s.MaxConcurrent > 1)}{(ours.Any(s => s.MaxConcurrent > 1) ? ": " + string.Join(", ", ours.Where(s => s.MaxConcurrent > 1).Take(5).Select(s => s.Session)) : "")})");
        Figure($"open now: {ours.Count(s => s.Open == 1)} sessions with 1, {ours.Count(s => s.Open == 0)} with 0, {ours.Count(s => s.Open > 1)} with more; connections per session {Percentiles.Summary([.. ours.Select(s => (double)s.Connections.Count)], "", "0")}; keep-alive timeouts {ours.Sum(s => s.Connections.Count(c => c.KeepAliveTimedOut))}");
        var oldClosed = new List<double>();
        var newOpened = new List<double>();
        var gaps = new List<double>();
        foreach (var session in _affected)
        {
            if (stats.GetValueOrDefault(session.Id) is not { } s)
            {
                continue;
            }

            var old = s.Connections.LastOrDefault(c => c.OpenedAt < _killAtUtc);
            var next = s.Connections.FirstOrDefault(c => c.OpenedAt >= _killAtUtc);
            if (old?.ClosedAt is { } closed)
            {
                oldClosed.Add((closed - _killAtUtc).TotalMilliseconds);
                if (next is not null)
                {
                    gaps.Add((next.OpenedAt - closed).TotalMilliseconds);
                }
            }

            if (next is not null)
            {
                newOpened.Add((next.OpenedAt - _killAtUtc).TotalMilliseconds);
            }
        }

        Figure($"affected sessions: old upstream ended after the kill {Percentiles.Summary(oldClosed, "ms")}");
        Figure($"affected sessions: new upstream opened after the kill {Percentiles.Summary(newOpened, "ms")}; gap old end → new open {Percentiles.Summary(gaps, "ms")}");
        var pacing = inspector.PacingStats;
        Figure(string.Create(Invariant, $"output audio pacing: {pacing.AudioChunks} chunks, {pacing.LateChunks} late, max lateness {pacing.MaxLatenessMs:0} ms"));
    }

    private void PrintCpu()
    {
        var window = _killAt - _attachedAt;
        if (window <= TimeSpan.Zero || _cpuAtKill.Count == 0)
        {
            return;
        }

        var cores = _cpuAtKill.Where(p => _cpuAtAttached.ContainsKey(p.Key)).Select(p => $"{p.Key} {(p.Value - _cpuAtAttached[p.Key]) / window:0.00}");
        Console.WriteLine($"CPU while streaming, from the last attach to the kill ({window.TotalSeconds:0} s), in cores (benchmark = clients + simulator): {string.Join(", ", cores)}; machine load average now {LoadAverage()}");
    }

    private void PrintSiloLogs()
    {
        // The silo lease (3 s, renewed every 750 ms) lapses when a silo cannot renew in time (CPU starvation, a slow
        // store): it then closes every session it holds and tells their clients to reconnect (1012).
        var leases = _silos.Select(s => (s.Name, Output: s.Output))
            .Select(s => $"{s.Name} lost {s.Output.Count(l => l.Text.Contains("SiloLease[262]", StringComparison.Ordinal))}, renewals failed {s.Output.Count(l => l.Text.Contains("SiloLease[261]", StringComparison.Ordinal))}");
        Console.WriteLine($"silo session leases over the run (events 262 / 261): {string.Join("; ", leases)}");
        Console.WriteLine("surviving silos' warnings and failures after the kill (by category and event id):");
        foreach (var silo in _silos.Where(s => s != _killed))
        {
            var lines = silo.Output.Skip(_outputAtKill.GetValueOrDefault(silo.Name)).Select(l => l.Text).ToList();
            var counts = lines
                .Select(l => (Level: l.Contains(" fail: ", StringComparison.Ordinal) || l.StartsWith("fail: ", StringComparison.Ordinal) ? "fail" : l.Contains(" warn: ", StringComparison.Ordinal) || l.StartsWith("warn: ", StringComparison.Ordinal) ? "warn" : null, Line: l))
                .Where(x => x.Level is not null)
                .GroupBy(x => $"{x.Level} {x.Line[(x.Line.IndexOf(x.Level!, StringComparison.Ordinal) + 6)..].Trim()}")
                .OrderByDescending(g => g.Count())
                .ToList();
            Figure($"{silo.Name}: {(counts.Count == 0 ? "none" : string.Join("; ", counts.Take(6).Select(g => $"{g.Key} ×{g.Count()}")))}");
        }
    }

    private int PrintVerdict()
    {
        var resumed = _failure is null ? Resumed() : [];
        var live = SinceKillMs(resumed.Select(s => s.Resume!.LiveAt)).Select(ms => ms / 1000).ToList();
        var lost = _failure is null ? LostItems() : 0;
        string P(double percent) => live.Count == 0 ? "n/a" : Percentiles.Of(live, percent).ToString("0.00", Invariant);
        // Every session counts: the killed silo's are live again when resumed, the others when they answered a turn after the kill.
        var liveUnaffected = _failure is null ? Unaffected().Count(s => s.Turns.Any(t => t.SentAt >= _killAt)) : 0;
        var unaffected = _sessions.Count - _affected.Count;
        Console.WriteLine($"sessions live after the kill: the killed silo's resumed {resumed.Count}/{_affected.Count}, the others answering {liveUnaffected}/{unaffected}");
        Console.WriteLine($"failover: resumed {resumed.Count + liveUnaffected}/{_sessions.Count} sessions, lost items {lost}, time to live again p50/p99 {P(50)}/{P(99)} s");
        return _failure is null && resumed.Count == _affected.Count && liveUnaffected == unaffected && lost == 0 ? 0 : 1;
    }
}
