using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RealtimeGrains.TestKit.Cluster;
using static RealtimeGrains.Cluster.Benchmarks.Progress;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// The failover run: a real cluster on loopback (Azurite, the simulator at real-time speed, silo processes), N streaming
/// sessions spread over the silos, the cross-silo latency probe, the persisted state read back, one silo killed with
/// SIGKILL, and its sessions resumed on the survivors. Phases are in this file; the figures in
/// <c>FailoverBenchmark.Report.cs</c>.
/// </summary>
internal sealed partial class FailoverBenchmark : IAsyncDisposable
{
    private const int AttachConcurrency = 16;

    private readonly FailoverOptions _options;
    private readonly List<BenchSession> _sessions = [];
    private readonly ConcurrentQueue<string> _attachFailures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CrossSiloProbe _probe = new();
    private readonly Dictionary<string, int> _outputAtKill = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _cpuAtAttached = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _cpuAtKill = new(StringComparer.Ordinal);
    private ClusterHarness? _harness;
    private IReadOnlyList<HostProcess> _silos = [];
    private HostProcess? _killed;
    private List<BenchSession> _affected = [];
    private TimeSpan _attachedAt;
    private TimeSpan _killAt;
    private DateTimeOffset _killAtUtc;
    private TimeSpan _resumesEndedAt;
    private TimeSpan _streamedOnUntil;
    private int _sessionsWithoutBlob;
    private Exception? _failure;

    private FailoverBenchmark(FailoverOptions options) => _options = options;

    /// <summary>Runs the benchmark and prints its report; the last line is the verdict. Returns the exit code.</summary>
    public static async Task<int> RunAsync(FailoverOptions options)
    {
        var run = new FailoverBenchmark(options);
        try
        {
            await run.RunPhasesAsync();
            run.PrintReport();
        }
#pragma warning disable CA1031 // Whatever broke the run is reported, the cluster is torn down and the verdict still printed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run._failure = ex;
            Say("THE RUN FAILED: " + ex);
        }
        finally
        {
            await run.DisposeAsync();
        }

        return run.PrintVerdict();
    }

    private async Task RunPhasesAsync()
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"== cluster failover: {_options.Sessions} sessions, {_options.Silos} silos, a turn every {_options.TurnEvery.TotalSeconds:0.##} s, settle {_options.Settle.TotalSeconds:0.##} s, deadline {_options.Deadline.TotalSeconds:0.##} s, {_options.CrossSiloTurns} cross-silo turns, kill {_options.Kill}, connect timeout {_options.ConnectTimeout.TotalSeconds:0.##} s"));
        Console.WriteLine($"   machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} at start");
        await StartClusterAsync();
        await AttachSessionsAsync();
        await WaitForFirstTurnsAsync();
        await ProbeCrossSiloAsync();
        await SettleAsync();
        await ReadPersistedStateAsync();
        await KillAndResumeAsync();
        await StreamOnAsync();
    }

    private async Task StartClusterAsync()
    {
        Say($"starting Azurite, the simulator (speed 1, in this process) and {_options.Silos} silo processes");
        var started = BenchmarkClock.Now;
        _harness = await ClusterHarness.StartAsync(_options.Silos, new ClusterHarnessOptions { SimulatorSpeedFactor = 1 }, _stop.Token);
        _silos = [.. Enumerable.Range(1, _options.Silos).Select(n => _harness[$"silo-{n.ToString(CultureInfo.InvariantCulture)}"])];
        _killed = _harness[_options.Kill];
        Say($"cluster up in {(BenchmarkClock.Now - started).TotalSeconds:0.0} s: {string.Join(", ", _silos.Select(s => $"{s.Name} pid {s.Pid} {s.BaseUri}"))}; simulator {_harness.Simulator.BaseUri}");
    }

    private async Task AttachSessionsAsync()
    {
        Say($"phase 1: opening {_options.Sessions} sessions, session i on silo (i mod {_options.Silos}) + 1, {AttachConcurrency} at a time; each starts its turns at once");
        var candidates = Enumerable.Range(0, _options.Sessions).Select(i => new BenchSession(i, _silos[i % _silos.Count])).ToList();
        var attached = 0;
        using var gate = new SemaphoreSlim(AttachConcurrency);
        var started = BenchmarkClock.Now;
        var work = Task.WhenAll(candidates.Select(async session =>
        {
            await gate.WaitAsync(_stop.Token);
            try
            {
                await session.AttachAsync(_stop.Token);
                Interlocked.Increment(ref attached);

                // Turns start spread over one interval (golden-ratio offsets), so sessions do not answer in lockstep.
                var offset = _options.TurnEvery * (session.Index * 0.6180339887 % 1.0);
                session.StartTurns(offset, _options.TurnEvery, _stop.Token);
            }
            catch (InvalidOperationException ex)
            {
                _attachFailures.Enqueue(ex.Message);
            }
            finally
            {
                gate.Release();
            }
        }));
        await WhileAsync(work, () => $"sessions attached {Volatile.Read(ref attached)}/{_options.Sessions} (failed {_attachFailures.Count})");
        _sessions.AddRange(candidates.Where(s => s.Client is not null));
        _attachedAt = BenchmarkClock.Now;
        SnapshotCpu(_cpuAtAttached);
        Say($"attached {_sessions.Count}/{_options.Sessions} in {(_attachedAt - started).TotalSeconds:0.0} s; per silo: {string.Join(", ", _silos.Select(s => $"{s.Name} {_sessions.Count(x => x.Home == s)}"))}");
        foreach (var failure in _attachFailures.Take(5))
        {
            Figure("attach failed: " + failure);
        }

        if (_sessions.Count == 0)
        {
            throw new InvalidOperationException("No session could be opened.");
        }
    }

    private async Task WaitForFirstTurnsAsync()
    {
        var until = BenchmarkClock.Now + _options.TurnEvery + (2 * BenchSession.StepDeadline);
        var work = Task.Run(async () =>
        {
            while (_sessions.Any(s => s.Turns.IsEmpty) && BenchmarkClock.Now < until)
            {
                await Task.Delay(200, _stop.Token);
            }
        });
        await WhileAsync(work, () => $"sessions with an answered turn {_sessions.Count(s => !s.Turns.IsEmpty)}/{_sessions.Count}, turns {_sessions.Sum(s => s.Turns.Count)}, errors {_sessions.Sum(s => s.Errors.Count)}");
        if (_sessions.Any(s => s.Turns.IsEmpty))
        {
            Figure($"{_sessions.Count(s => s.Turns.IsEmpty)} sessions have no answered turn yet; going on (their persisted state may be empty)");
        }
    }

    private async Task ProbeCrossSiloAsync()
    {
        if (_options.CrossSiloTurns == 0)
        {
            return;
        }

        var maxSessions = 2 * _silos.Count;
        Say($"phase 2: cross-silo latency, {_options.CrossSiloTurns} pairs (a turn from the grain's silo, then one from the next silo) over up to {maxSessions} sessions, while all sessions stream");
        var work = _probe.RunAsync(_sessions, _silos, _options.CrossSiloTurns, maxSessions, _stop.Token);
        await WhileAsync(work, () => $"cross-silo pairs done {_probe.PairDifferenceMs.Count}/{_options.CrossSiloTurns} (failures {_probe.Failures.Count})");
    }

    private async Task SettleAsync()
    {
        var until = _attachedAt + _options.Settle;
        Say($"phase 3: streaming until {_options.Settle.TotalSeconds:0.#} s after the last attach");
        var work = Task.Run(async () =>
        {
            var left = until - BenchmarkClock.Now;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, _stop.Token);
            }
        });
        await WhileAsync(work, () => $"streaming: turns {_sessions.Sum(s => s.Turns.Count)}, errors {_sessions.Sum(s => s.Errors.Count)}, load average {LoadAverage()}");
    }

    private async Task ReadPersistedStateAsync()
    {
        Say("reading every session's state blob (the item ids in it are what the kill must not lose)");
        var started = BenchmarkClock.Now;
        var byId = await PersistedState.ReadItemIdsAsync(_harness!.Azurite.ConnectionString, [.. _sessions.Select(s => s.Id)], _stop.Token);
        foreach (var session in _sessions)
        {
            session.Persisted = byId.GetValueOrDefault(session.Id) ?? [];
        }

        _sessionsWithoutBlob = byId.Values.Count(v => v is null);
        Say(string.Create(
            CultureInfo.InvariantCulture,
            $"read {byId.Count - _sessionsWithoutBlob} blobs in {(BenchmarkClock.Now - started).TotalSeconds:0.0} s: {_sessions.Sum(s => s.Persisted!.Count)} items, {_sessions.Count(s => s.Persisted!.Count == 0)} sessions with none, {_sessionsWithoutBlob} without a blob"));
    }

    private async Task KillAndResumeAsync()
    {
        var killed = _killed!;
        var survivors = _silos.Where(s => s != killed).ToList();
        _affected = [.. _sessions.Where(s => s.Home == killed)];
        foreach (var session in _sessions)
        {
            session.NoteSeenItems();
        }

        foreach (var silo in survivors)
        {
            _outputAtKill[silo.Name] = silo.Output.Count;
        }

        SnapshotCpu(_cpuAtKill);
        Say($"phase 4: kill -9 {killed.Name} (pid {killed.Pid}): {_affected.Count} of {_sessions.Count} sessions have their socket and grain there; they resume on {string.Join(" and ", survivors.Select(s => s.Name))}");
        _killAtUtc = DateTimeOffset.UtcNow;
        _killAt = BenchmarkClock.Now;
        killed.Signal(HostProcess.SigKill);
        var until = _killAt + _options.Deadline;
        var resumes = Task.WhenAll(_affected.Select(async session =>
        {
            await session.StopTurnsAsync();
            return await session.ResumeAsync(survivors, until, _options.TurnEvery, _options.ConnectTimeout, _stop.Token);
        }));
        var exit = killed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await WhileAsync(
            resumes.WaitAsync(_options.Deadline + (2 * BenchSession.StepDeadline)),
            () => string.Create(
                CultureInfo.InvariantCulture,
                $"+{(BenchmarkClock.Now - _killAt).TotalSeconds:0.0} s: dropped {_affected.Count(s => s.Resume?.DroppedAt is not null)}/{_affected.Count}, tries {_affected.Sum(s => s.Resume?.Attempts ?? 0)}, attached {_affected.Count(s => s.Resume?.CreatedAt is not null)}, live again {_affected.Count(s => s.Resume?.Resumed == true)}; unaffected errors since the kill {Unaffected().Sum(s => s.Errors.Count(e => e.At >= _killAt))}"));
        _resumesEndedAt = BenchmarkClock.Now;
        Say($"{killed.Name} {(await exit is null ? "had NOT exited 10 s after SIGKILL" : "exited")}; resumes ended {(_resumesEndedAt - _killAt).TotalSeconds:0.0} s after the kill");
    }

    /// <summary>Two more turn intervals after the resumes, so the resumed sessions show they stream again on their new silo.</summary>
    private async Task StreamOnAsync()
    {
        var span = TimeSpan.FromTicks(Math.Max(2 * _options.TurnEvery.Ticks, TimeSpan.FromSeconds(5).Ticks));
        Say($"phase 5: streaming on for {span.TotalSeconds:0.#} s (resumed sessions run their turn loops on their new silo)");
        var work = Task.Delay(span, _stop.Token);
        await WhileAsync(work, () => $"turns since the resumes ended {_sessions.Sum(s => s.Turns.Count(t => t.SentAt >= _resumesEndedAt))}, errors {_sessions.Sum(s => s.Errors.Count(e => e.At >= _resumesEndedAt))}");
        _streamedOnUntil = BenchmarkClock.Now;
    }

    private IEnumerable<BenchSession> Unaffected() => _sessions.Where(s => !_affected.Contains(s));

    /// <summary>Stops the sessions, saves the silo logs and tears the cluster down (silos, simulator, Azurite).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_sessions.Select(s => s.StopTurnsAsync()));
            await Task.WhenAll(_sessions.Where(s => s.Client is not null).Select(s => s.Client!.DisposeAsync().AsTask()));
        }
        finally
        {
            if (_harness is not null)
            {
                try
                {
                    _harness.SaveLogs(_options.LogDirectory);
                    Say($"silo logs saved to {_options.LogDirectory}");
                }
                catch (IOException ex)
                {
                    Say($"saving the silo logs failed: {ex.Message}");
                }
                finally
                {
                    // Kills the silos that still run, stops the simulator and Azurite.
                    await _harness.DisposeAsync();
                }
            }

            _stop.Dispose();
        }
    }

    private void SnapshotCpu(Dictionary<string, TimeSpan> into)
    {
        using (var self = Process.GetCurrentProcess())
        {
            into["benchmark"] = self.TotalProcessorTime;
        }

        var processes = _silos.Where(s => !s.HasExited).Select(s => (s.Name, s.Pid)).Append(("azurite", _harness!.Azurite.ProcessId));
        foreach (var (name, pid) in processes)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                into[name] = process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone.
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
