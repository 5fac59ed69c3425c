using RealtimeGrains.Simulator;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>
/// Upstream chaos under load: N sessions through the full gateway path (token, Realtime socket, session grain, upstream
/// socket) while the simulator injects faults at rates; then the host is stopped (every state flushed) and each session's
/// persisted conversation is compared with what its client saw.
/// </summary>
internal static class ChaosRun
{
    public static async Task<ChaosResult> RunAsync(ChaosOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var clock = new RunClock();
        await using var harness = await RunHarness.StartAsync(
            o =>
            {
                o.FaultRates.Seed = options.Seed;
                o.FaultRates.ConnectRefusal = options.Refuse;
                o.FaultRates.RefusalRetryAfter = TimeSpan.FromSeconds(1);
                o.FaultRates.DropMidResponse = options.Drop;
                o.FaultRates.Stall = options.Stall;
                o.FaultRates.StallDuration = TimeSpan.FromSeconds(30);
                o.FaultRates.EarlyExpiry = options.Expire;
                o.FaultRates.EarlyExpiryMin = TimeSpan.FromSeconds(2);
                o.FaultRates.EarlyExpiryMax = TimeSpan.FromSeconds(20);
                o.FaultRates.SlowRead = options.SlowRead;
            },
            [
                $"--RealtimeSessions:Upstream:StallTimeout={options.StallTimeout}",
                "--RealtimeSessions:Upstream:ConnectAttempts=10",
            ]).ConfigureAwait(false);
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] host pid {harness.Host.Pid} on {harness.Host.BaseUri}, simulator on {harness.Simulator.BaseUri}; {options.Sessions} sessions x {options.Turns} turns");

        var driverOptions = new DriverOptions { Turns = options.Turns, TurnDeadline = options.TurnDeadline };
        var drivers = Enumerable.Range(0, options.Sessions).Select(i => new SessionDriver(harness.Host, clock, driverOptions, options.Seed * 100_000 + i)).ToList();
        var runs = drivers.Select(async (driver, i) =>
        {
            await Task.Delay(options.Ramp * i / options.Sessions, cancellationToken).ConfigureAwait(false);
            await driver.RunAsync(cancellationToken).ConfigureAwait(false);
        }).ToList();
        using (new ProgressTicker(progress, clock, () =>
               {
                   var ledgers = drivers.Select(d => d.Ledger).ToList();
                   var faults = harness.Simulator.Inspector.Faults.Injected;
                   return $"turns answered {ledgers.Sum(l => l.TurnsAnswered)}/{ledgers.Sum(l => l.TurnsSent)}, faults {faults.Total}, upstream sockets open {harness.Simulator.Inspector.ActiveSessionCount}";
               }))
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        var injected = harness.Simulator.Inspector.Faults.Injected;
        var connections = harness.Simulator.Inspector.AllConnectionStats();
        progress.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0} s] clients done; stopping the host (SIGTERM) so every state is flushed");
        var stopped = await harness.StopHostAsync().ConfigureAwait(false);
        if (options.Logs is { } logs)
        {
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, "host.log"), harness.Host.OutputText(), cancellationToken).ConfigureAwait(false);
        }

        var all = drivers.Select(d => d.Ledger).ToList();
        var persisted = PersistedConversations.Read(harness.StateDirectory, all.Select(l => l.SessionId));
        var (lost, incomplete, examples) = TranscriptCheck.Compare(all, persisted);
        var problems = all.SelectMany(l => l.Failures.Select(f => $"{l.SessionId}: {f}")).Concat(examples).ToList();
        if (!stopped)
        {
            problems.Insert(0, "the host did not exit within 60 s of SIGTERM");
        }

        var notices = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, count) in all.SelectMany(l => l.Notices))
        {
            notices[code] = notices.GetValueOrDefault(code) + count;
        }

        return new ChaosResult
        {
            Sessions = options.Sessions,
            Recovered = all.Count(l => l.Recovered),
            TurnsSent = all.Sum(l => l.TurnsSent),
            TurnsAnswered = all.Sum(l => l.TurnsAnswered),
            TurnsLostTold = all.Sum(l => l.TurnsLostTold),
            LostItems = lost,
            IncompleteTranscripts = incomplete,
            DuplicateResponses = all.Sum(l => l.DuplicateResponses),
            Recoveries = [.. all.SelectMany(l => l.Recoveries)],
            Faults = injected,
            Notices = notices,
            UpstreamConnections = connections.Values.Sum(c => c.Connections.Count),
            MaxConcurrentUpstreamsPerSession = connections.Count == 0 ? 0 : connections.Values.Max(c => c.MaxConcurrent),
            UnplannedReconnects = all.Sum(l => l.UnplannedReconnects),
            Problems = problems,
            SlowestRecoverySession = all.Where(l => l.Recoveries.Count > 0).MaxBy(l => l.Recoveries.Max())?.SessionId,
            Elapsed = elapsed,
        };
    }
}
