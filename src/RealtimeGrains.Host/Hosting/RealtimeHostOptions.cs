namespace RealtimeGrains.Host;

/// <summary>Options of the executable (configuration section <c>Host</c>).</summary>
internal sealed class RealtimeHostOptions
{
    public const string SectionName = "Host";

    /// <summary>Grain state store. Default <see cref="StateStoreKind.File"/>.</summary>
    public StateStoreKind StateStore { get; set; } = StateStoreKind.File;

    /// <summary>Folder of file state, relative to the content root unless absolute.</summary>
    public string StateDirectory { get; set; } = ".state";

    /// <summary>Most file state writes (write + fsync + rename) running at once; 0 takes the processor count, at least 2.</summary>
    public int MaxConcurrentStateWrites { get; set; }

    /// <summary>Run the Realtime simulator in process (mapped under <c>Upstream:SimulatorPath</c>). Default true.</summary>
    public bool InProcessSimulator { get; set; } = true;

    /// <summary>Serve the browser sample page and its token endpoint (<c>POST /sample/token</c>, loopback callers only). Default true.</summary>
    public bool SamplePage { get; set; } = true;
}
