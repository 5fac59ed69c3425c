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

    /// <summary>How silos find each other. Default <see cref="ClusteringKind.Localhost"/> (one silo).</summary>
    public ClusteringKind Clustering { get; set; } = ClusteringKind.Localhost;

    /// <summary>The silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The address other silos reach this one on. Localhost clustering: always loopback. Azure Table clustering: empty picks
    /// this machine's first non-loopback address (Orleans' choice); give <c>127.0.0.1</c> for a cluster on one machine.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>This silo's name in logs and upstream connects. Default: the machine name and silo port.</summary>
    public string? SiloName { get; set; }

    /// <summary>
    /// Run under Orleans' Kubernetes hosting (<c>UseKubernetesHosting</c>): silo name = pod name (<c>POD_NAME</c>), advertised
    /// address = pod IP (<c>POD_IP</c>), silos without a pod are declared dead. Needs <see cref="Clustering"/> AzureTable. Default false.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>Failure detection (section <c>Host:Membership</c>).</summary>
    public MembershipHostOptions Membership { get; set; } = new();

    /// <summary>The Orleans cluster id. Default <c>realtimegrains</c>.</summary>
    public string ClusterId { get; set; } = "realtimegrains";

    /// <summary>The Orleans service id: stable across deployments (it is part of stored state's identity). Default <c>realtimegrains</c>.</summary>
    public string ServiceId { get; set; } = "realtimegrains";

    /// <summary>Run the Realtime simulator in process (mapped under <c>Upstream:SimulatorPath</c>). Default true.</summary>
    public bool InProcessSimulator { get; set; } = true;

    /// <summary>The Orleans dashboard and the sessions page under <c>/dashboard</c> (section <c>Host:Dashboard</c>).</summary>
    public DashboardHostOptions Dashboard { get; set; } = new();

    /// <summary>Serve the browser sample page and its token endpoint (<c>POST /sample/token</c>, loopback callers only). Default true.</summary>
    public bool SamplePage { get; set; } = true;

    /// <summary>Serve <c>GET /_host/diagnostics</c> (heap after a full collection, activations, timers; loopback callers only), for soak runs. Default false.</summary>
    public bool DiagnosticsEndpoint { get; set; }
}
