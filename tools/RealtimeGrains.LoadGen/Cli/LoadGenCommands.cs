using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace RealtimeGrains.LoadGen;

/// <summary>The command line: <c>run</c> (against a running gateway or simulator), <c>compare</c> (the side-by-side benchmark), and the hidden server modes the benchmark starts as child processes.</summary>
internal static class LoadGenCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("RealtimeGrains load generator: concurrent real-time voice sessions against a gateway, a relay or the simulator, measured.");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(CompareCommand());
        root.Subcommands.Add(PlotCommand());
        root.Subcommands.Add(SummarizeTraceCommand());
        root.Subcommands.Add(SimulatorCommand());
        root.Subcommands.Add(RelayCommand());
        root.Subcommands.Add(OtlpSinkCommand());
        return root;
    }

    private static Command RunCommand()
    {
        var scenario = new ScenarioOptionSet();
        var url = new Option<Uri[]>("--url")
        {
            Description = "Base address of the gateway or simulator (loopback only), e.g. http://127.0.0.1:5000. Several silos: repeat it (--url A --url B) or separate with commas (--url A,B); session i uses URL i mod n for its token and its socket.",
            Required = true,
            CustomParser = ParseUrls,
        };
        var mode = new Option<string>("--mode") { Description = "gateway: mint a client token per session (POST /v1/realtime/sessions) and connect to /v1/realtime; direct: connect to /openai/v1/realtime with --api-key.", DefaultValueFactory = _ => "gateway" };
        mode.AcceptOnlyFromAmong("gateway", "direct");
        var sessions = new Option<int>("--sessions") { Description = "Concurrent sessions.", DefaultValueFactory = _ => 100 };
        var credential = new Option<string?>("--server-credential") { Description = "gateway mode: the application server credential (Gateway:ServerCredentials)." };
        var apiKey = new Option<string?>("--api-key") { Description = "direct mode: the simulator's API key.", DefaultValueFactory = _ => SimulatorSetup.ApiKey };
        var command = new Command("run", "Drive sessions against a running gateway (or simulator) and print what they measured. Ramps up, holds, ramps down, then exits.")
        {
            url, mode, sessions, credential, apiKey,
        };
        scenario.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = scenario.Bind(result, result.GetValue(sessions));
            var baseUris = result.GetValue(url)!;
            var problem = options.Validate() ?? (baseUris.FirstOrDefault(u => !IsLoopback(u)) is { } remote ? $"--url must be a loopback address (127.0.0.1, ::1 or localhost): {remote}" : null);
            var gateway = result.GetValue(mode) == "gateway";
            if (problem is null && gateway && string.IsNullOrEmpty(result.GetValue(credential)))
            {
                problem = "--server-credential is required in gateway mode.";
            }

            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            var targets = gateway ? RoundRobinTargets.Gateway(baseUris, result.GetValue(credential)!) : RoundRobinTargets.Direct(baseUris, result.GetValue(apiKey) ?? string.Empty);
            var view = ProgressView.ForConsole();
            var phase = new LoadPhase(gateway ? LoadPaths.Gateway : LoadPaths.Direct, targets, options, TimeProvider.System);
            var measured = await view.RunPhaseAsync(phase, cancellationToken).ConfigureAwait(false);
            view.Summary(measured);
            view.TargetSummary(measured);
            Console.WriteLine();
            var against = baseUris.Length == 1 ? $"run against {baseUris[0]}" : $"run against {string.Join(", ", baseUris.Select(u => u.ToString()))} (round-robin)";
            Console.WriteLine(CompareReport.Markdown([measured], Header(options, against)));
            return measured.Sustained == options.Sessions ? 0 : 1;
        });
        return command;
    }

    private static Command CompareCommand()
    {
        var scenario = new ScenarioOptionSet();
        var sessions = new Option<int[]>("--sessions") { Description = "Session counts, comma-separated (e.g. 100,250,500,1000).", DefaultValueFactory = _ => [100, 250, 500, 1000], CustomParser = ParseCounts };
        var paths = new Option<string[]>("--paths") { Description = "Paths to run per count, comma-separated: direct, relay, gateway, gateway-baseline (needs --baseline-host), signalr.", DefaultValueFactory = _ => [LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway], CustomParser = ParsePaths };
        var hostDll = new Option<string?>("--host-dll") { Description = "The built host (default: src/RealtimeGrains.Host/bin/Release/net10.0/RealtimeGrains.Host.dll of this repository)." };
        var baselineHost = new Option<string?>("--baseline-host") { Description = "Another build of the host (its RealtimeGrains.Host.dll): the gateway path also runs against it (path gateway-baseline), at the same counts, alternating with the current build, and the table compares the two." };
        var hostEnv = new Option<string[]>("--host-env")
        {
            Description = "An environment variable NAME=VALUE of the gateway path's host (not the baseline host); repeat it for more (e.g. --host-env OTEL_METRIC_EXPORT_INTERVAL=10000).",
            AllowMultipleArgumentsPerToken = false,
        };
        var otlpSink = new Option<bool>("--otlp-sink") { Description = "Start a loopback OTLP/HTTP sink and turn the gateway path's host's OpenTelemetry export on into it; with --baseline-host set to the same build, gateway vs gateway-baseline is telemetry on vs off." };
        var stateStore = new Option<string>("--state-store") { Description = "The host's grain state store: File (product default, a temporary folder) or Memory.", DefaultValueFactory = _ => "File" };
        stateStore.AcceptOnlyFromAmong("File", "Memory");
        var traceAt = new Option<int?>("--trace-at") { Description = "Profile the host with dotnet-trace during the gateway hold at this session count (the knee) and print its top costs." };
        var traceTool = new Option<string?>("--dotnet-trace") { Description = "Path of dotnet-trace (default: PATH or ~/.dotnet/tools)." };
        var traceDir = new Option<string?>("--trace-dir") { Description = "Folder for the .nettrace and speedscope files (default: the temporary folder)." };
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Skip the short unmeasured phase on every path before the measured ones." };
        var svg = new Option<string?>("--svg") { Description = "Write the plot (latency and CPU per session against session count) to this SVG file." };
        var json = new Option<string?>("--json") { Description = "Write every phase's figures to this JSON file." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the result tables to this Markdown file." };
        var command = new Command("compare", "The end-to-end benchmark: starts the simulator, a pass-through relay and the host on loopback, runs the same sessions straight to the simulator, through the relay and through the gateway at each session count, and prints the table.")
        {
            sessions, paths, hostDll, baselineHost, hostEnv, otlpSink, stateStore, traceAt, traceTool, traceDir, noWarmup, svg, json, markdown,
        };
        scenario.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var counts = result.GetValue(sessions)!;
            var options = new CompareOptions
            {
                SessionCounts = counts,
                Paths = result.GetValue(paths)!,
                Scenario = scenario.Bind(result, counts.Max()),
                HostDll = result.GetValue(hostDll),
                BaselineHostDll = result.GetValue(baselineHost) is { Length: > 0 } baselineDll ? Path.GetFullPath(baselineDll) : null,
                HostEnvironment = ParseEnvironment(result.GetValue(hostEnv) ?? [], out var envProblem),
                OtlpSink = result.GetValue(otlpSink),
                StateStore = result.GetValue(stateStore)!,
                TraceAt = result.GetValue(traceAt),
                Warmup = !result.GetValue(noWarmup),
                TraceTool = result.GetValue(traceTool),
                TraceDirectory = result.GetValue(traceDir),
                SvgPath = result.GetValue(svg),
                JsonPath = result.GetValue(json),
                MarkdownPath = result.GetValue(markdown),
            };
            var problem = envProblem ?? options.Scenario.Validate();
            if (problem is null && options.Paths.Contains(LoadPaths.Baseline) && options.BaselineHostDll is null)
            {
                problem = "--paths gateway-baseline needs --baseline-host PATH (the other build's RealtimeGrains.Host.dll).";
            }

            if (problem is not null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 2;
            }

            var view = ProgressView.ForConsole();
            var started = DateTime.UtcNow;
            IReadOnlyList<PhaseResult> results;
            var runner = new CompareRunner(options, view);
            try
            {
                results = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            var header = Header(options.Scenario, $"compare, started {started:yyyy-MM-dd HH:mm} UTC")
                + (options.BaselineHostDll is { } baselinePath ? $" Hosts: gateway = {options.HostDll ?? RepositoryPaths.HostDll()}, gateway-baseline = {baselinePath}." : string.Empty)
                + (options.OtlpSink ? " The gateway host exports OpenTelemetry (OTLP/HTTP protobuf) to a loopback sink." : string.Empty)
                + (options.HostEnvironment.Count > 0 ? $" Gateway host environment: {string.Join(' ', options.HostEnvironment.Select(e => $"{e.Key}={e.Value}"))}." : string.Empty);
            var tables = CompareReport.Markdown(results, header) + (runner.Profile is { } profile ? Environment.NewLine + profile : string.Empty);
            Console.WriteLine();
            Console.WriteLine(tables);
            await WriteIfAsync(options.MarkdownPath, tables, cancellationToken).ConfigureAwait(false);
            await WriteIfAsync(options.SvgPath, SvgPlot.Render(results, $"RealtimeGrains end-to-end, {Environment.ProcessorCount} cores, {started:yyyy-MM-dd HH:mm} UTC"), cancellationToken).ConfigureAwait(false);
            await WriteIfAsync(options.JsonPath, JsonSerializer.Serialize(results.ToList(), LoadGenJsonContext.Default.ListPhaseResult), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command PlotCommand()
    {
        var json = new Option<string>("--json") { Description = "A result file written by compare --json.", Required = true };
        var svg = new Option<string>("--svg") { Description = "The SVG to write.", Required = true };
        var title = new Option<string>("--title") { Description = "Title of the plot.", DefaultValueFactory = _ => "RealtimeGrains end-to-end" };
        var command = new Command("plot", "Redraw the plot and print the tables from a saved compare --json result.") { json, svg, title };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(json)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"--json: '{path}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            await using var stream = File.OpenRead(path);
            var results = await JsonSerializer.DeserializeAsync(stream, LoadGenJsonContext.Default.ListPhaseResult, cancellationToken).ConfigureAwait(false) ?? [];
            Console.WriteLine(CompareReport.Markdown(results, $"from {path}"));
            await WriteIfAsync(result.GetValue(svg), SvgPlot.Render(results, result.GetValue(title)!), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command SummarizeTraceCommand()
    {
        var speedscope = new Option<string>("--speedscope") { Description = "A speedscope JSON written by compare --trace-at (next to the .nettrace in --trace-dir).", Required = true };
        var top = new Option<int>("--top") { Description = "Rows per table.", DefaultValueFactory = _ => 15 };
        var command = new Command("summarize-trace", "Print the top-cost tables of a saved host profile again (e.g. after the summary's rules changed).") { speedscope, top };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(speedscope)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"--speedscope: '{path}' does not exist.").ConfigureAwait(false);
                return 2;
            }

            await using var stream = File.OpenRead(path);
            Console.WriteLine(TraceSummary.Read(stream).Render(result.GetValue(top)));
            return 0;
        });
        return command;
    }

    private static Command SimulatorCommand()
    {
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:0" };
        var command = new Command("simulator", "(used by compare) Serve the simulator until standard input closes.") { urls };
        command.Hidden = true;
        command.SetAction(result => ServerApps.ServeUntilStdinClosesAsync(ServerApps.BuildSimulator(result.GetValue(urls)!)));
        return command;
    }

    private static Command OtlpSinkCommand()
    {
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:0" };
        var command = new Command("otlp-sink", "(used by compare --otlp-sink) Accept OTLP/HTTP exports until standard input closes.") { urls };
        command.Hidden = true;
        command.SetAction(result => ServerApps.ServeUntilStdinClosesAsync(ServerApps.BuildOtlpSink(result.GetValue(urls)!)));
        return command;
    }

    private static Command RelayCommand()
    {
        var urls = new Option<string>("--urls") { DefaultValueFactory = _ => "http://127.0.0.1:0" };
        var upstream = new Option<Uri>("--upstream") { Required = true, CustomParser = ParseUri };
        var command = new Command("relay", "(used by compare) Serve the pass-through relay until standard input closes.") { urls, upstream };
        command.Hidden = true;
        command.SetAction(result => ServerApps.ServeUntilStdinClosesAsync(PassThroughRelay.Build(result.GetValue(upstream)!, result.GetValue(urls)!)));
        return command;
    }

    /// <summary>NAME=VALUE pairs (NAME: letters, digits, <c>_</c>); <paramref name="problem"/> names the first that is not one.</summary>
    internal static Dictionary<string, string> ParseEnvironment(IEnumerable<string> pairs, out string? problem)
    {
        problem = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? pair[..equals] : string.Empty;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                problem ??= $"--host-env '{pair}' is not NAME=VALUE (NAME of letters, digits and _).";
                continue;
            }

            environment[name] = pair[(equals + 1)..];
        }

        return environment;
    }

    private static string Header(ScenarioOptions s, string what) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {Environment.ProcessorCount} cores, .NET {Environment.Version}; per phase ramp-up {s.RampUp.TotalSeconds:0} s, hold {s.Hold.TotalSeconds:0} s (measured), ramp-down {s.RampDown.TotalSeconds:0} s; {s.ChunkMs} ms input chunks at real-time pace, barge-in {s.BargeInPercent}% and tool {s.ToolPercent}% of turns; 'sustained' = connected, ≥ 1 reply in the hold, output never > {s.FallBehindMs:0} ms behind real time.");

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static async Task WriteIfAsync(string? path, string content, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(path))
        {
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"wrote {path}");
        }
    }

    private static int[] ParseCounts(ArgumentResult result)
    {
        var counts = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 20_000)
            {
                result.AddError($"--sessions: '{part}' is not a session count (1-20000).");
                return [];
            }

            counts.Add(n);
        }

        return counts.Count == 0 ? [100] : [.. counts];
    }

    private static Uri ParseUri(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute http(s) address.");
        return new Uri("http://127.0.0.1/");
    }

    private static Uri[] ParseUrls(ArgumentResult result)
    {
        if (UrlListParser.TryParse(result.Tokens.Select(t => t.Value), out var urls, out var error))
        {
            return urls;
        }

        result.AddError(error!);
        return [];
    }

    private static string[] ParsePaths(ArgumentResult result)
    {
        var paths = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var unknown = paths.FirstOrDefault(p => !LoadPaths.All.Contains(p));
        if (unknown is not null)
        {
            result.AddError($"--paths: '{unknown}' is not one of {string.Join(", ", LoadPaths.All)}.");
        }

        return paths;
    }
}
