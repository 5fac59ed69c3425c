namespace RealtimeGrains.LoadGen;

/// <summary>
/// One load phase against one target, or several assigned round-robin (<see cref="RoundRobinTargets"/>): ramp up N
/// sessions, hold (the measured window), ramp down. Bounded in time: every wait has a deadline, and the phase ends by itself.
/// </summary>
internal sealed class LoadPhase(string path, RoundRobinTargets targets, ScenarioOptions scenario, TimeProvider time)
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private readonly ErrorTally[] _targetErrors = [.. targets.All.Select(_ => new ErrorTally())];

    public LoadPhase(string path, SessionTarget target, ScenarioOptions scenario, TimeProvider time)
        : this(path, new RoundRobinTargets([target]), scenario, time)
    {
    }

    public RunStats Stats { get; } = new();

    /// <summary>Measured processes: the one between client and simulator (null on the direct path), and the simulator.</summary>
    public ProcessMeter? Middle { get; init; }

    public ProcessMeter? Simulator { get; init; }

    /// <summary>Work started when the hold starts and awaited when it ends (a profiler attached to the middle process).</summary>
    public Func<CancellationToken, Task>? DuringHold { get; init; }

    public async Task<PhaseResult> RunAsync(Action<PhaseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var audio = new SpeechAudio(scenario.ChunkMs);
        var sessions = new List<(VoiceSession Session, Task Running)>(scenario.Sessions);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var started = 0;
        void Report(string stage) => progress?.Invoke(new PhaseProgress(
            path, stage, scenario.Sessions, started, Interlocked.Read(ref Stats.Connected), Interlocked.Read(ref Stats.Turns),
            Stats.FirstAudio.Percentile(0.5), Stats.FirstAudio.Percentile(0.99), Interlocked.Read(ref Stats.ErrorEvents), clock.Elapsed));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = TimeSpan.FromSeconds(30) };
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(scenario.ChunkMs / 4, 2, 10));
        var scheduler = new SessionScheduler(time, tick);
        await using (scheduler.ConfigureAwait(false))
        {
            var middleIdle = Middle?.Sample();
            try
            {
                // Ramp up: session i starts at i/N of the ramp time.
                var rampStart = time.GetTimestamp();
                for (var i = 0; i < scenario.Sessions; i++)
                {
                    var due = TimeSpan.FromTicks(scenario.RampUp.Ticks * i / scenario.Sessions) - time.GetElapsedTime(rampStart);
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, time, cancellationToken).ConfigureAwait(false);
                    }

                    var session = new VoiceSession(i, targets.For(i), audio, scenario, Stats, time, _targetErrors[targets.IndexOf(i)]);
                    scheduler.Add(session);
                    sessions.Add((session, session.RunAsync(http, cancellationToken)));
                    started++;
                    if (i % 25 == 0)
                    {
                        Report("ramp-up");
                    }
                }

                try
                {
                    await Task.WhenAll(sessions.Select(s => s.Session.Ready)).WaitAsync(ReadyDeadline, time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    Stats.Error("not_ready_in_45s");
                }

                await Task.Delay(Settle, time, cancellationToken).ConfigureAwait(false);
                Report("ramp-up");

                // Hold: the measured window.
                Stats.ResetWindow();
                foreach (var (session, _) in sessions)
                {
                    session.ResetWindow();
                }

                var middleStart = Middle?.Sample();
                var simulatorStart = Simulator?.Sample();
                using var self = ProcessMeter.Self();
                var selfStart = self.Sample();
                var holdStart = time.GetTimestamp();
                var duringHold = DuringHold?.Invoke(cancellationToken);
                while (time.GetElapsedTime(holdStart) < scenario.Hold)
                {
                    var left = scenario.Hold - time.GetElapsedTime(holdStart);
                    await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
                    Report("hold");
                }

                var middleEnd = Middle?.Sample();
                if (duringHold is not null)
                {
                    await duringHold.ConfigureAwait(false);
                }

                var simulatorEnd = Simulator?.Sample();
                var selfEnd = self.Sample();
                var result = Summarize(sessions.Select(s => s.Session).ToList(), selfEnd.Since(selfStart));
                if (middleStart is { } ms && middleEnd is { } me && middleIdle is { } mi)
                {
                    var (cpu, wall) = me.Since(ms);
                    result = result with
                    {
                        MiddleCpuSeconds = cpu,
                        WallSeconds = wall,
                        MiddleRssMiB = me.ResidentBytes / 1048576.0,
                        MiddleRssGrowthMiB = (me.ResidentBytes - mi.ResidentBytes) / 1048576.0,
                    };
                }

                if (simulatorStart is { } ss && simulatorEnd is { } se)
                {
                    result = result with { SimulatorCpuSeconds = se.Since(ss).CpuSeconds };
                }

                return result;
            }
            finally
            {
                // Ramp down: stop sessions evenly over the ramp-down time, then wait for all of them.
                var stops = new List<Task>(sessions.Count);
                var downStart = time.GetTimestamp();
                for (var i = 0; i < sessions.Count; i++)
                {
                    var due = TimeSpan.FromTicks(scenario.RampDown.Ticks * i / Math.Max(1, sessions.Count)) - time.GetElapsedTime(downStart);
                    if (due > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
                    {
                        await Task.Delay(due, time, CancellationToken.None).ConfigureAwait(false);
                    }

                    var (session, running) = sessions[i];
                    scheduler.Remove(session);
                    stops.Add(session.StopAsync(running));
                    if (i % 50 == 0)
                    {
                        Report("ramp-down");
                    }
                }

                await Task.WhenAll(stops).WaitAsync(TimeSpan.FromSeconds(30), time, CancellationToken.None).ConfigureAwait(false);
                foreach (var (session, _) in sessions)
                {
                    session.Dispose();
                }

                Report("done");
            }
        }
    }

    private PhaseResult Summarize(List<VoiceSession> sessions, (double CpuSeconds, double WallSeconds) self)
    {
        var sustained = sessions.Count(IsSustained);
        return new PhaseResult
        {
            Path = path,
            Sessions = scenario.Sessions,
            HoldSeconds = scenario.Hold.TotalSeconds,
            Connected = Interlocked.Read(ref Stats.Connected),
            Sustained = sustained,
            Turns = Interlocked.Read(ref Stats.Turns),
            BargeIns = Interlocked.Read(ref Stats.BargeIns),
            CancelledResponses = Interlocked.Read(ref Stats.CancelledResponses),
            ToolCalls = Interlocked.Read(ref Stats.ToolCalls),
            Errors = Interlocked.Read(ref Stats.ErrorEvents),
            ErrorCodes = string.Join(", ", Stats.ErrorCodes.OrderByDescending(e => e.Value).Take(4).Select(e => $"{e.Key}×{e.Value}")),
            FirstAudioCount = Stats.FirstAudio.Count,
            FirstAudioP50 = Stats.FirstAudio.Percentile(0.50),
            FirstAudioP95 = Stats.FirstAudio.Percentile(0.95),
            FirstAudioP99 = Stats.FirstAudio.Percentile(0.99),
            ToolRoundTripP50 = Stats.ToolRoundTrip.Percentile(0.50),
            ToolRoundTripP99 = Stats.ToolRoundTrip.Percentile(0.99),
            JitterP50 = Stats.Jitter.Percentile(0.50),
            JitterP99 = Stats.Jitter.Percentile(0.99),
            LatenessP99 = Stats.OutputLateness.Percentile(0.99),
            LatenessMax = Stats.OutputLateness.Max,
            InputLatenessP99 = Stats.InputLateness.Percentile(0.99),
            AudioDeltas = Interlocked.Read(ref Stats.AudioDeltas),
            LoadGenCpuSeconds = self.CpuSeconds,
            WallSeconds = self.WallSeconds,
            Targets = targets.Count > 1 ? ByTarget(sessions) : null,
        };
    }

    /// <summary>The per-target breakdown; <paramref name="sessions"/> are in start order, so session i is the i-th.</summary>
    private List<TargetResult> ByTarget(List<VoiceSession> sessions) =>
    [
        .. targets.All.Select((target, t) => new TargetResult
        {
            Url = target.BaseUri.ToString(),
            Sessions = Enumerable.Range(0, scenario.Sessions).Count(i => targets.IndexOf(i) == t),
            Sustained = sessions.Where((_, i) => targets.IndexOf(i) == t).Count(IsSustained),
            Errors = _targetErrors[t].Count,
            ErrorCodes = _targetErrors[t].Describe(),
        }),
    ];

    /// <summary>Connected, at least one reply in the hold, never further behind real time than allowed.</summary>
    private bool IsSustained(VoiceSession session) => !session.Failed && session.TurnsInWindow > 0 && session.MaxLatenessMs <= scenario.FallBehindMs;
}
