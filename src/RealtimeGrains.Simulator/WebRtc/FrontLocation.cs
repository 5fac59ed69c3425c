using System.Reflection;

namespace RealtimeGrains.Simulator;

/// <summary>Where the media front and Node.js are, or why WebRTC calls cannot be served.</summary>
/// <param name="NodePath">The Node.js executable (full path when found on <c>PATH</c>).</param>
/// <param name="Directory">The front's folder.</param>
/// <param name="UnavailableReason">Null when both were found; else what is missing, for the 503 and the start-up warning.</param>
internal sealed record FrontLocation(string NodePath, string Directory, string? UnavailableReason)
{
    /// <summary>The front's folder name, next to the app or in the simulator project.</summary>
    public const string FolderName = "webrtc-front";

    /// <summary>Assembly metadata key of the front's folder in the source tree the simulator was built from.</summary>
    private const string SourceFolderMetadata = "WebRtcFrontSourceDirectory";

    private static readonly string[] Packages = ["werift", "opusscript"];

    public static FrontLocation Find(WebRtcOptions options)
    {
        if (!options.Enabled)
        {
            return new FrontLocation(options.NodePath, string.Empty, "WebRTC calls are disabled (RealtimeSimulator:WebRtc:Enabled is false).");
        }

        var candidates = options.FrontDirectory is { Length: > 0 } configured
            ? [Path.GetFullPath(configured)]
            : new[] { Path.Combine(AppContext.BaseDirectory, FolderName), SourceFolder() }.OfType<string>().ToArray();
        var directory = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "front.js")));
        if (directory is null)
        {
            return new FrontLocation(options.NodePath, string.Empty, $"WebRTC calls are unavailable: the media front (front.js) was not found in {string.Join(" or ", candidates)}; set RealtimeSimulator:WebRtc:FrontDirectory.");
        }

        var missing = Packages.Where(p => !File.Exists(Path.Combine(directory, "node_modules", p, "package.json"))).ToList();
        if (missing.Count > 0)
        {
            return new FrontLocation(options.NodePath, directory, $"WebRTC calls are unavailable: the media front's packages ({string.Join(", ", missing)}) are not installed in {Path.Combine(directory, "node_modules")}; run 'npm ci' in {directory} (or scripts/install-test-deps.sh).");
        }

        var node = FindExecutable(options.NodePath);
        return node is null
            ? new FrontLocation(options.NodePath, directory, $"WebRTC calls are unavailable: Node.js was not found (RealtimeSimulator:WebRtc:NodePath is '{options.NodePath}', not an existing file nor on PATH); install Node.js 18 or later.")
            : new FrontLocation(node, directory, null);
    }

    private static string? SourceFolder() =>
        typeof(FrontLocation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == SourceFolderMetadata)?.Value;

    private static string? FindExecutable(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || name.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", string.Empty } : [string.Empty];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var path = Path.Combine(folder, name + extension);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
