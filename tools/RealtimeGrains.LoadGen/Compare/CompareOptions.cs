namespace RealtimeGrains.LoadGen;

/// <summary>Options of <c>compare</c>: which paths, which session counts, where the host is, where results go.</summary>
internal sealed record CompareOptions
{
    public IReadOnlyList<int> SessionCounts { get; init; } = [100, 250, 500, 1000];

    public IReadOnlyList<string> Paths { get; init; } = [LoadPaths.Direct, LoadPaths.Relay, LoadPaths.Gateway];

    public ScenarioOptions Scenario { get; init; } = new();

    /// <summary>The built host (<c>src/RealtimeGrains.Host/bin/Release/net10.0/RealtimeGrains.Host.dll</c> by default).</summary>
    public string? HostDll { get; init; }

    /// <summary>
    /// Another build of the host (its <c>RealtimeGrains.Host.dll</c>, e.g. the last commit before a change) to run the
    /// gateway path against as well, side by side with <see cref="HostDll"/> (path <see cref="LoadPaths.Baseline"/>); null = none.
    /// </summary>
    public string? BaselineHostDll { get; init; }

    /// <summary>Environment variables of the host of path <c>gateway</c> (not the baseline host), from <c>--host-env NAME=VALUE</c>.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Start a loopback OTLP/HTTP sink and point the <c>gateway</c> host's OpenTelemetry export at it
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>): with <see cref="BaselineHostDll"/>
    /// set to the same build, the two gateway rows are telemetry on and off.
    /// </summary>
    public bool OtlpSink { get; init; }

    /// <summary>The host's grain state store: File (the product default, in a temporary folder) or Memory.</summary>
    public string StateStore { get; init; } = "File";

    /// <summary>The Node SignalR driver script (for the <c>signalr</c> path).</summary>
    public string? SignalRDriver { get; init; }

    /// <summary>Profile the host with dotnet-trace during the gateway hold at this session count (the knee); null = no profile.</summary>
    public int? TraceAt { get; init; }

    /// <summary>dotnet-trace executable (default: PATH or ~/.dotnet/tools).</summary>
    public string? TraceTool { get; init; }

    /// <summary>Where the .nettrace and speedscope files go (default: the temporary folder).</summary>
    public string? TraceDirectory { get; init; }

    public string? SvgPath { get; init; }

    public string? JsonPath { get; init; }

    public string? MarkdownPath { get; init; }

    /// <summary>Run a short unmeasured phase on every path first, so JIT and tiering do not land in the first measurement.</summary>
    public bool Warmup { get; init; } = true;

    /// <summary>Pause between phases so the servers settle.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(3);
}
