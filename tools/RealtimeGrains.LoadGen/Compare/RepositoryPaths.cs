namespace RealtimeGrains.LoadGen;

/// <summary>Finds files of this repository from wherever the load generator runs.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>RealtimeGrains.sln</c>, searched upwards from the executable and the working directory.</summary>
    public static string? Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RealtimeGrains.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public static string? HostDll() => Root() is { } root ? Path.Combine(root, "src", "RealtimeGrains.Host", "bin", "Release", "net10.0", "RealtimeGrains.Host.dll") : null;

    public static string? SignalRDriver() => Root() is { } root ? Path.Combine(root, "tools", "loadgen-js", "driver.mjs") : null;
}
