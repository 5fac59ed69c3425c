using Orleans.Storage;

namespace RealtimeGrains.Persistence;

/// <summary>Options of a file grain storage provider (one instance per provider name).</summary>
public sealed class FileGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The default of <see cref="MaxConcurrentWrites"/>: the processor count, at least 2.</summary>
    public static int DefaultMaxConcurrentWrites => Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// The folder that holds the state files (created if missing; a relative path is taken from the current
    /// directory). Required.
    /// </summary>
    public string RootPath { get; set; } = string.Empty;

    /// <summary>
    /// How many state writes (file write + fsync, each blocking a thread) may run at once; the others wait without
    /// holding a thread. At least 1. Default: <see cref="DefaultMaxConcurrentWrites"/>.
    /// </summary>
    public int MaxConcurrentWrites { get; set; } = DefaultMaxConcurrentWrites;

    /// <summary>
    /// The serializer of the state data. When null, the <see cref="IGrainStorageSerializer"/> registered under the
    /// provider's name is used, else the silo's default one.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    /// <inheritdoc/>
    IGrainStorageSerializer IStorageProviderSerializerOptions.GrainStorageSerializer
    {
        // Null until the default is filled in (Orleans' configurator checks for it).
        get => GrainStorageSerializer!;
        set => GrainStorageSerializer = value;
    }
}
