using System.Text.Json.Serialization;

namespace RealtimeGrains.LoadGen;

/// <summary>Everything measured in the hold window of one phase (one path at one session count).</summary>
internal sealed record PhaseResult
{
    public string Path { get; init; } = string.Empty;
    public int Sessions { get; init; }
    public double HoldSeconds { get; init; }
    public long Connected { get; init; }
    public int Sustained { get; init; }
    public long Turns { get; init; }
    public long BargeIns { get; init; }
    public long CancelledResponses { get; init; }
    public long ToolCalls { get; init; }
    public long Errors { get; init; }
    public string ErrorCodes { get; init; } = string.Empty;
    public long FirstAudioCount { get; init; }
    public double FirstAudioP50 { get; init; }
    public double FirstAudioP95 { get; init; }
    public double FirstAudioP99 { get; init; }
    public double ToolRoundTripP50 { get; init; }
    public double ToolRoundTripP99 { get; init; }
    public double JitterP50 { get; init; }
    public double JitterP99 { get; init; }
    public double LatenessP99 { get; init; }
    public double LatenessMax { get; init; }
    public double InputLatenessP99 { get; init; }
    public long AudioDeltas { get; init; }

    /// <summary>CPU seconds of the process between client and simulator (gateway silo or relay; 0 on the direct path).</summary>
    public double MiddleCpuSeconds { get; init; }

    /// <summary>Resident memory of the middle process at the end of the hold, and its growth since before the ramp-up.</summary>
    public double MiddleRssMiB { get; init; }
    public double MiddleRssGrowthMiB { get; init; }
    public double SimulatorCpuSeconds { get; init; }
    public double LoadGenCpuSeconds { get; init; }
    public double WallSeconds { get; init; }

    /// <summary>Per target (<c>run --url A --url B …</c>): sessions, sustained and errors of each; null with one target.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TargetResult>? Targets { get; init; }

    /// <summary>Middle process CPU per session: milliseconds of CPU per second of session.</summary>
    public double MiddleCpuMsPerSessionSecond => Connected == 0 || WallSeconds == 0 ? 0 : MiddleCpuSeconds * 1000 / Connected / WallSeconds;

    /// <summary>Middle process memory growth per connected session, KiB.</summary>
    public double MiddleKiBPerSession => Connected == 0 ? 0 : MiddleRssGrowthMiB * 1024 / Connected;

    public double SimulatorCores => WallSeconds == 0 ? 0 : SimulatorCpuSeconds / WallSeconds;

    public double MiddleCores => WallSeconds == 0 ? 0 : MiddleCpuSeconds / WallSeconds;

    public double LoadGenCores => WallSeconds == 0 ? 0 : LoadGenCpuSeconds / WallSeconds;
}
