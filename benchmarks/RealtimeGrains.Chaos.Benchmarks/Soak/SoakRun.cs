using System.Collections.Concurrent;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// The soak: <see cref="SoakOptions.Sessions"/> sessions at a time for <see cref="SoakOptions.Duration"/> through the full
/// gateway path. Each slot runs one session for a lifetime (text turns, tool turns, barge-ins, a reconnect of its client
/// socket every few turns; its upstream rolls over before the simulator's short session limit), then a new one. The host's
/// heap (after a full collection), activations, timers and sockets are sampled before the sessions, after the warm-up, near
/// the end and once every session has gone idle; the host is then stopped and every transcript compared with its client's.
/// </summary>
internal static class SoakRun
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    public static async Task<SoakResult> RunAsync(SoakOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var clock = new RunClock();
        await using var harness = await RunHarness.StartAsync(
            o => o.MaxSessionDuration = options.UpstreamLimit,
            [$"--RealtimeSessions:IdleTimeout={IdleTimeout}", "--RealtimeSessions:Upstream:StallTimeout=00:00:10"]).ConfigureAwait(false);
        var baseline = await HostDiagnostics.SampleAsync(harness.Host, cancellationToken).ConfigureAwait(false);
        var start = clock.Elapsed;
        var end = start + options.Duration;
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] host pid {harness.Host.Pid}; {options.Sessions} sessions at a time for {options.Duration}, each for {options.SessionLifetime}, upstream limit {options.UpstreamLimit}, heap sampled at {options.EffectiveWarmUp} and {options.Duration - TimeSpan.FromSeconds(10)}");

        var finished = new ConcurrentBag<SessionLedger>();
        var current = new SessionDriver?[options.Sessions];
        var driverOptions = new DriverOptions { ThinkTime = TimeSpan.FromSeconds(2), ToolEvery = 3, BargeInEvery = 4, ReconnectEvery = 3 };
        var slots = Enumerable.Range(0, options.Sessions).Select(async slot =>
        {
            await Task.Delay(options.SessionLifetime * slot / options.Sessions, cancellationToken).ConfigureAwait(false);
            for (var n = 0; clock.Elapsed < end - TimeSpan.FromSeconds(5); n++)
            {
                var until = TimeSpan.FromTicks(Math.Min((clock.Elapsed + options.SessionLifetime).Ticks, end.Ticks));
                var driver = new SessionDriver(harness.Host, clock, driverOptions with { Until = until }, (options.Seed * 1_000 + slot) * 1_000 + n);
                current[slot] = driver;
                await driver.RunAsync(cancellationToken).ConfigureAwait(false);
                finished.Add(driver.Ledger);
            }
        }).ToList();

        var samples = SampleAsync(harness, clock, start + options.EffectiveWarmUp, end - TimeSpan.FromSeconds(10), cancellationToken);
        using (new ProgressTicker(progress, clock, () =>
               {
                   var done = finished.ToList();
                   return $"sessions finished {done.Count} (recovered {done.Count(l => l.Recovered)}), turns answered {done.Sum(l => l.TurnsAnswered) + current.Sum(d => d?.Ledger.TurnsAnswered ?? 0)}, upstream sockets open {harness.Simulator.Inspector.ActiveSessionCount}";
               }, TimeSpan.FromSeconds(options.Duration > TimeSpan.FromMinutes(5) ? 60 : 10)))
        {
            await Task.WhenAll(slots).ConfigureAwait(false);
        }

        var (warmedUp, atEnd) = await samples.ConfigureAwait(false);
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] clients done; waiting for every session to go idle (IdleTimeout {IdleTimeout})");
        var afterIdle = await WaitForIdleAsync(harness, TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var connections = harness.Simulator.Inspector.AllConnectionStats();
        var stopped = await harness.StopHostAsync().ConfigureAwait(false);
        if (options.Logs is { } logs)
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, "host.log"), harness.Host.OutputText(), cancellationToken).ConfigureAwait(false);
        }

        var all = finished.ToList();
        var persisted = PersistedConversations.Read(harness.StateDirectory, all.Select(l => l.SessionId));
        var (lost, incomplete, examples) = TranscriptCheck.Compare(all, persisted);
        var perSessionWarm = (warmedUp.HeapBytes - baseline.HeapBytes) / (double)options.Sessions;
        var perSessionEnd = (atEnd.HeapBytes - baseline.HeapBytes) / (double)options.Sessions;
        var openUpstreams = connections.Values.Sum(c => c.Open);
        var duplicates = all.Sum(l => l.DuplicateResponses);
        SoakCheck[] checks =
        [
            new("every session recovered", all.Count > 0 && all.All(l => l.Recovered), $"{all.Count(l => l.Recovered)}/{all.Count}"),
            new("every transcript complete", lost == 0 && incomplete == 0, $"lost items {lost}, incomplete transcripts {incomplete}"),
            new("no duplicate response", duplicates == 0, $"{duplicates}"),
            new("heap per session flat", perSessionEnd <= perSessionWarm * (1 + options.HeapTolerance),
                $"{perSessionWarm / 1024:0.0} KB after warm-up, {perSessionEnd / 1024:0.0} KB at the end ({(perSessionWarm > 0 ? (perSessionEnd / perSessionWarm - 1) * 100 : 0):+0.0;-0.0} %, tolerance {options.HeapTolerance * 100:0} %)"),
            new("no leaked activations", afterIdle.SessionActivations == 0, $"{afterIdle.SessionActivations} session grains active after idle (all {afterIdle.Activations}, baseline {baseline.Activations})"),
            new("no leaked upstream sockets", openUpstreams == 0, $"{openUpstreams} simulator connections open after idle"),
            new("no leaked host sockets", afterIdle.Sockets <= baseline.Sockets + 4, $"{afterIdle.Sockets} socket handles after idle, {baseline.Sockets} before the sessions (tolerance +4: pooled HTTP connections)"),
            new("no leaked timers", afterIdle.Timers <= baseline.Timers + 16, $"{afterIdle.Timers} timers after idle, {baseline.Timers} before the sessions, {atEnd.Timers} under load (tolerance +16: runtime and pool timers)"),
            new("host stopped cleanly", stopped, stopped ? "exited after SIGTERM" : "did not exit within 60 s of SIGTERM"),
        ];

        return new SoakResult
        {
            SessionsRun = all.Count,
            Recovered = all.Count(l => l.Recovered),
            TurnsSent = all.Sum(l => l.TurnsSent),
            TurnsAnswered = all.Sum(l => l.TurnsAnswered),
            BargeIns = all.Sum(l => l.TurnsBargedIn),
            Reconnects = all.Sum(l => l.Reconnects),
            UpstreamConnections = connections.Values.Sum(c => c.Connections.Count),
            Baseline = baseline,
            WarmedUp = warmedUp,
            AtEnd = atEnd,
            AfterIdle = afterIdle,
            Concurrent = options.Sessions,
            Checks = checks,
            Problems = [.. all.SelectMany(l => l.Failures.Select(f => $"{l.SessionId}: {f}")), .. examples],
            Elapsed = elapsed,
        };
    }

    private static async Task<(HostSample WarmedUp, HostSample AtEnd)> SampleAsync(RunHarness harness, RunClock clock, TimeSpan warmUpAt, TimeSpan endAt, CancellationToken cancellationToken)
    {
        await Task.Delay(warmUpAt - clock.Elapsed, cancellationToken).ConfigureAwait(false);
        var warmedUp = await HostDiagnostics.SampleAsync(harness.Host, cancellationToken).ConfigureAwait(false);
        var wait = endAt - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        return (warmedUp, await HostDiagnostics.SampleAsync(harness.Host, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Samples every second until no session grain is active and the simulator has no open socket, or the deadline passes.</summary>
    private static async Task<HostSample> WaitForIdleAsync(RunHarness harness, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var sample = await HostDiagnostics.SampleAsync(harness.Host, cancellationToken).ConfigureAwait(false);
            if ((sample.SessionActivations == 0 && harness.Simulator.Inspector.ActiveSessionCount == 0) || DateTime.UtcNow > until)
            {
                return sample;
            }

            // The host is another process: there is no signal to await, so it is asked again.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }
}
