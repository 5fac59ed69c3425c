namespace RealtimeGrains.Runtime.Persistence;

/// <summary>Options of the file grain storage (the embedded default).</summary>
public sealed class FileGrainStorageOptions
{
    /// <summary>The folder that holds the state files (created if missing). Required.</summary>
    public string RootPath { get; set; } = string.Empty;
}
