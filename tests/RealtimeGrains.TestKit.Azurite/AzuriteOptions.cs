namespace RealtimeGrains.TestKit.Azurite;

/// <summary>How <see cref="AzuriteServer.StartAsync(AzuriteOptions, CancellationToken)"/> runs Azurite.</summary>
public sealed record AzuriteOptions
{
    /// <summary>The defaults: in memory, ports chosen by the OS, 60 s to start.</summary>
    public static AzuriteOptions Default { get; } = new();

    /// <summary>
    /// A folder Azurite persists its data to (<c>--location</c>), so a later server on the same folder sees the same
    /// containers and blobs; <see langword="null"/> (the default) keeps everything in memory (<c>--inMemoryPersistence</c>).
    /// The folder is created if missing and is never deleted.
    /// </summary>
    public string? Location { get; init; }

    /// <summary>The blob port; 0 (the default) lets the OS pick a free loopback port when Azurite binds it.</summary>
    public int BlobPort { get; init; }

    /// <summary>The queue port; 0 (the default) lets the OS pick a free loopback port when Azurite binds it.</summary>
    public int QueuePort { get; init; }

    /// <summary>The table port; 0 (the default) lets the OS pick a free loopback port when Azurite binds it.</summary>
    public int TablePort { get; init; }

    /// <summary>
    /// How long Azurite may take to listen and answer a blob request before the start fails (a hang guard, not a
    /// measurement: it starts in well under a second on an idle machine).
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The Node.js executable (default <c>node</c>, looked up on the PATH).</summary>
    public string NodePath { get; init; } = "node";
}
