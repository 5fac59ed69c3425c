namespace RealtimeGrains.LoadGen;

/// <summary>
/// The side-by-side run: starts the simulator, the pass-through relay and the RealtimeGrains host as separate loopback
/// processes (so each one's CPU and memory are its own), then for every session count runs the same scenario on every
/// path, one path after the other. With <see cref="CompareOptions.BaselineHostDll"/> a second host (another build) runs
/// beside the first and the gateway path is run on both at every count (<see cref="LoadPaths.Baseline"/>), the two
/// back to back in alternating order (current first at the first count, baseline first at the next, …).
/// </summary>
internal sealed class CompareRunner(CompareOptions options, ProgressView view)
{
    /// <summary>Server credential the host is started with (loopback only, this run only).</summary>
    public const string ServerCredential = "loadgen-server-credential-0001";

    /// <summary>The profile summary of the host at <see cref="CompareOptions.TraceAt"/> (Markdown), once the run has made one.</summary>
    public string? Profile { get; private set; }

    /// <summary>
    /// The paths run at each count, in order: <see cref="CompareOptions.Paths"/>, plus <see cref="LoadPaths.Baseline"/>
    /// right after <see cref="LoadPaths.Gateway"/> when a baseline host is given and the paths do not name it; the gateway
    /// and baseline phases swap places at every other count, so neither build always runs first.
    /// </summary>
    public static IReadOnlyList<string> PathsAt(CompareOptions options, int countIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = options.Paths.ToList();
        if (options.BaselineHostDll is not null && !paths.Contains(LoadPaths.Baseline))
        {
            var gateway = paths.IndexOf(LoadPaths.Gateway);
            paths.Insert(gateway >= 0 ? gateway + 1 : paths.Count, LoadPaths.Baseline);
        }

        var (a, b) = (paths.IndexOf(LoadPaths.Gateway), paths.IndexOf(LoadPaths.Baseline));
        if (countIndex % 2 == 1 && a >= 0 && b >= 0)
        {
            (paths[a], paths[b]) = (paths[b], paths[a]);
        }

        return paths;
    }

    public async Task<IReadOnlyList<PhaseResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<PhaseResult>();
        var allPaths = PathsAt(options, 0);
        var needsHost = allPaths.Contains(LoadPaths.Gateway) || allPaths.Contains(LoadPaths.SignalR);
        var needsBaseline = allPaths.Contains(LoadPaths.Baseline);
        string? stateDirectory = null;
        string? baselineStateDirectory = null;
        view.Line("Starting the simulator (real-time pace) on loopback...");
        var simulator = await ChildServer.StartSelfAsync("simulator", ["simulator", "--urls", "http://127.0.0.1:0"], cancellationToken).ConfigureAwait(false);
        await using var simulatorScope = simulator.ConfigureAwait(false);
        using var simulatorMeter = simulator.Meter();
        ChildServer? relay = null;
        ChildServer? host = null;
        ChildServer? baseline = null;
        ChildServer? otlpSink = null;
        try
        {
            if (allPaths.Contains(LoadPaths.Relay))
            {
                view.Line("Starting the pass-through relay...");
                relay = await ChildServer.StartSelfAsync("relay", ["relay", "--upstream", simulator.Address.ToString(), "--urls", "http://127.0.0.1:0"], cancellationToken).ConfigureAwait(false);
            }

            if (needsHost)
            {
                var hostDll = options.HostDll ?? RepositoryPaths.HostDll();
                if (hostDll is null || !File.Exists(hostDll))
                {
                    throw new InvalidOperationException($"The host is not built at '{hostDll}': run 'dotnet build -c Release src/RealtimeGrains.Host' or pass --host-dll.");
                }

                stateDirectory = Directory.CreateTempSubdirectory("rg-loadgen-state-").FullName;
                view.Line($"Starting the host ({hostDll}, upstream = the simulator, state = {options.StateStore})...");
                var environment = new Dictionary<string, string>(options.HostEnvironment);
                if (options.OtlpSink)
                {
                    view.Line("Starting the OTLP sink (the host's OpenTelemetry export goes there)...");
                    otlpSink = await ChildServer.StartSelfAsync("otlp sink", ["otlp-sink", "--urls", "http://127.0.0.1:0"], cancellationToken).ConfigureAwait(false);
                    environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpSink.Address.ToString().TrimEnd('/');
                    environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                }

                host = await ChildServer.StartHostAsync(
                    hostDll, new Uri($"http://127.0.0.1:{ChildServer.FreePort()}"), HostSettings(simulator.Address, stateDirectory), environment: environment, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (needsBaseline)
            {
                var baselineDll = options.BaselineHostDll;
                if (baselineDll is null || !File.Exists(baselineDll))
                {
                    throw new InvalidOperationException($"The baseline host is not built at '{baselineDll}': pass --baseline-host PATH/RealtimeGrains.Host.dll of the other build.");
                }

                baselineStateDirectory = Directory.CreateTempSubdirectory("rg-loadgen-baseline-state-").FullName;
                view.Line($"Starting the baseline host ({baselineDll}, same settings)...");
                baseline = await ChildServer.StartHostAsync(baselineDll, new Uri($"http://127.0.0.1:{ChildServer.FreePort()}"), HostSettings(simulator.Address, baselineStateDirectory), "baseline host", cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            view.Line($"simulator pid {simulator.Id} {simulator.Address}" + (relay is null ? string.Empty : $", relay pid {relay.Id} {relay.Address}") + (host is null ? string.Empty : $", host pid {host.Id} {host.Address}")
                + (baseline is null ? string.Empty : $", baseline host pid {baseline.Id} {baseline.Address}"));
            using var relayMeter = relay?.Meter();
            using var hostMeter = host?.Meter();
            using var baselineMeter = baseline?.Meter();
            if (options.Warmup)
            {
                var warmup = options.Scenario with { Sessions = Math.Min(50, options.SessionCounts.Min()), RampUp = TimeSpan.FromSeconds(2), Hold = TimeSpan.FromSeconds(5), RampDown = TimeSpan.FromSeconds(1) };
                foreach (var path in allPaths.Where(p => p != LoadPaths.SignalR))
                {
                    view.Line($"Warm-up on {path} ({warmup.Sessions} sessions, not measured)...");
                    await new LoadPhase(path, Target(path, simulator, relay, host, baseline), warmup, TimeProvider.System).RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }

            for (var countIndex = 0; countIndex < options.SessionCounts.Count; countIndex++)
            {
                var sessions = options.SessionCounts[countIndex];

                // Profiles come from repeats of the phases, run after every path at this count has been measured, so
                // neither the profiler's cost nor a repeat's lingering sessions land between two measured phases.
                var repeats = new List<(string Path, SessionTarget Target, ChildServer Host)>();
                foreach (var path in PathsAt(options, countIndex))
                {
                    var scenario = options.Scenario with { Sessions = sessions };
                    PhaseResult result;
                    if (path == LoadPaths.SignalR)
                    {
                        var driver = options.SignalRDriver ?? RepositoryPaths.SignalRDriver() ?? "driver.mjs";
                        result = await SignalRPhase.RunAsync(driver, host!.Address, ServerCredential, scenario, hostMeter, simulatorMeter, view, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        var target = Target(path, simulator, relay, host, baseline);
                        var phase = new LoadPhase(path, target, scenario, TimeProvider.System)
                        {
                            Middle = path switch { LoadPaths.Relay => relayMeter, LoadPaths.Gateway => hostMeter, LoadPaths.Baseline => baselineMeter, _ => null },
                            Simulator = simulatorMeter,
                        };
                        result = await view.RunPhaseAsync(phase, cancellationToken).ConfigureAwait(false);
                        var profiled = path switch { LoadPaths.Gateway => host, LoadPaths.Baseline => baseline, _ => null };
                        if (profiled is not null && sessions == options.TraceAt)
                        {
                            repeats.Add((path, target, profiled));
                        }
                    }

                    results.Add(result);
                    view.Summary(result);
                    await Task.Delay(options.Pause, cancellationToken).ConfigureAwait(false);
                }

                foreach (var (path, target, profiled) in repeats)
                {
                    var scenario = options.Scenario with { Sessions = sessions };
                    if (TracePlan(profiled, path, sessions, scenario) is not { } trace)
                    {
                        break;
                    }

                    var traced = new LoadPhase(path, target, scenario, TimeProvider.System) { DuringHold = trace.Collect };
                    await view.RunPhaseAsync(traced, cancellationToken).ConfigureAwait(false);
                    var summary = await SummarizeTraceAsync(trace, path, sessions, cancellationToken).ConfigureAwait(false);
                    view.Line(summary ?? "No profile.");
                    if (summary is not null)
                    {
                        Profile = Profile is null ? summary : Profile + Environment.NewLine + summary;
                    }

                    await Task.Delay(options.Pause, cancellationToken).ConfigureAwait(false);
                }
            }

            return results;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            if (baseline is not null)
            {
                await baseline.DisposeAsync().ConfigureAwait(false);
            }

            if (relay is not null)
            {
                await relay.DisposeAsync().ConfigureAwait(false);
            }

            if (otlpSink is not null)
            {
                await otlpSink.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var directory in new[] { stateDirectory, baselineStateDirectory })
            {
                if (directory is null)
                {
                    continue;
                }

                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: a temporary folder.
                }
            }
        }
    }

    private static SessionTarget Target(string path, ChildServer simulator, ChildServer? relay, ChildServer? host, ChildServer? baseline) => path switch
    {
        LoadPaths.Direct => SessionTarget.Direct(simulator.Address, SimulatorSetup.ApiKey),
        LoadPaths.Relay => SessionTarget.Direct(relay!.Address, SimulatorSetup.ApiKey),
        LoadPaths.Baseline => SessionTarget.Gateway(baseline!.Address, ServerCredential),
        _ => SessionTarget.Gateway(host!.Address, ServerCredential),
    };

    private (string Tool, string File, Func<CancellationToken, Task> Collect)? TracePlan(ChildServer host, string path, int sessions, ScenarioOptions scenario)
    {
        var tool = HostTrace.Find(options.TraceTool);
        if (tool is null)
        {
            view.Line("dotnet-trace not found (install it with 'dotnet tool install -g dotnet-trace' or pass --dotnet-trace): no profile.");
            return null;
        }

        var file = Path.Combine(options.TraceDirectory ?? Path.GetTempPath(), $"{(path == LoadPaths.Baseline ? "baseline-host" : "host")}-{sessions}-sessions.nettrace");
        var duration = scenario.Hold - TimeSpan.FromSeconds(2);
        view.Line($"Profiling the {host.Name} (pid {host.Id}) for {duration.TotalSeconds:0} s of the hold into {file}");
        return (tool, file, ct => HostTrace.CollectAsync(tool, host.Id, duration, file, ct));
    }

    private async Task<string?> SummarizeTraceAsync((string Tool, string File, Func<CancellationToken, Task> Collect) trace, string path, int sessions, CancellationToken cancellationToken)
    {
        try
        {
            var whose = path == LoadPaths.Baseline ? "Baseline host" : "Host";
            return $"{whose} profile at {sessions} sessions ({path} path, a repeat of the phase with dotnet-trace sampling thread time during the hold; not in the figures above):" + Environment.NewLine + Environment.NewLine
                + await HostTrace.SummarizeAsync(trace.Tool, trace.File, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            view.Line($"Profile failed: {ex.Message}");
            return null;
        }
    }

    private string[] HostSettings(Uri simulator, string stateDirectory) =>
    [
        "--Host:InProcessSimulator=false",
        "--Host:SamplePage=false",
        $"--Host:StateStore={options.StateStore}",
        $"--Host:StateDirectory={stateDirectory}",
        "--Upstream:Kind=Simulator",
        $"--Upstream:Endpoint={simulator}",
        $"--Upstream:ApiKey={SimulatorSetup.ApiKey}",
        $"--Upstream:Deployment={SimulatorSetup.Model}",
        $"--Gateway:ServerCredentials:0={ServerCredential}",

        // Every simulated client comes from this machine's one address.
        "--Gateway:MaxConnectionsPerAddress=1000000",
        "--Logging:LogLevel:Default=Warning",
    ];
}
