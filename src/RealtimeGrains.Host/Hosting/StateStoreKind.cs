namespace RealtimeGrains.Host;

/// <summary>Where grain state is kept.</summary>
internal enum StateStoreKind
{
    /// <summary>Files under <see cref="RealtimeHostOptions.StateDirectory"/> (survives restarts; one silo per folder).</summary>
    File,

    /// <summary>Process memory (lost on exit; tests and benchmarks).</summary>
    Memory,

    /// <summary>Azure Blob storage through Orleans' provider (<see cref="RealtimeHostOptions.AzureStorage"/>): the production choice.</summary>
    AzureBlob,
}
