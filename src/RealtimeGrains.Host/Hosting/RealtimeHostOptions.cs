namespace RealtimeGrains.Host;

/// <summary>Options of the executable (configuration section <c>Host</c>).</summary>
internal sealed class RealtimeHostOptions
{
    public const string SectionName = "Host";

    /// <summary>Grain state store. Default <see cref="StateStoreKind.File"/>.</summary>
    public StateStoreKind StateStore { get; set; } = StateStoreKind.File;

    /// <summary>Folder of file state, relative to the content root (the app's folder) unless absolute.</summary>
    public string StateDirectory { get; set; } = ".state";

    /// <summary>Most file state writes (write + fsync) running at once; 0 takes the processor count, at least 2.</summary>
    public int MaxConcurrentStateWrites { get; set; }

    /// <summary>The storage account when <see cref="StateStore"/> is <see cref="StateStoreKind.AzureBlob"/>.</summary>
    public AzureStorageHostOptions AzureStorage { get; set; } = new();

    /// <summary>The silo-to-silo port on loopback (localhost clustering). Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The Orleans cluster id. Default <c>realtimegrains</c>.</summary>
    public string ClusterId { get; set; } = "realtimegrains";

    /// <summary>The Orleans service id: stable across deployments (it is part of stored state's identity). Default <c>realtimegrains</c>.</summary>
    public string ServiceId { get; set; } = "realtimegrains";

    /// <summary>Run the Realtime simulator in process (mapped under <c>Upstream:SimulatorPath</c>). Default true.</summary>
    public bool InProcessSimulator { get; set; } = true;

    /// <summary>Serve the browser sample page and its token endpoint (<c>POST /sample/token</c>, loopback callers only). Default true.</summary>
    public bool SamplePage { get; set; } = true;
}
