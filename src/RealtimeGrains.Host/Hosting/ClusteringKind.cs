namespace RealtimeGrains.Host;

/// <summary>How silos find each other.</summary>
internal enum ClusteringKind
{
    /// <summary>One silo on loopback (<see cref="RealtimeHostOptions.SiloPort"/>), no membership store: the embedded default.</summary>
    Localhost,

    /// <summary>Orleans membership in Azure Table storage (<see cref="RealtimeHostOptions.AzureStorage"/>): any number of silos; Azurite locally.</summary>
    AzureTable,
}
