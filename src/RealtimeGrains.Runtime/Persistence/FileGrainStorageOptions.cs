namespace RealtimeGrains.Runtime.Persistence;

/// <summary>Options of the file grain storage (the embedded default).</summary>
public sealed class FileGrainStorageOptions
{
    /// <summary>The folder that holds the state files (created if missing). Required.</summary>
    public string RootPath { get; set; } = string.Empty;

    /// <summary>The default of <see cref="MaxConcurrentWrites"/>: the processor count, at least 2.</summary>
    public static int DefaultMaxConcurrentWrites => Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How many state writes (file write + fsync + rename, each blocking a thread) may run at once; the others wait
    /// without holding a thread. At least 1. Default: the processor count, at least 2.
    /// </summary>
    public int MaxConcurrentWrites { get; set; } = DefaultMaxConcurrentWrites;
}
