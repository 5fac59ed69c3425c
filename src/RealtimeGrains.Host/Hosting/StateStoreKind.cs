namespace RealtimeGrains.Host;

/// <summary>Where grain state is kept.</summary>
internal enum StateStoreKind
{
    /// <summary>Files under <see cref="RealtimeHostOptions.StateDirectory"/> (survives restarts).</summary>
    File,

    /// <summary>Process memory (lost on exit).</summary>
    Memory,
}
