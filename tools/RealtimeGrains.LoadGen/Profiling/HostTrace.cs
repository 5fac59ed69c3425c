using System.Diagnostics;
using System.Globalization;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// Profiles a server process during a hold with <c>dotnet-trace</c> (EventPipe sampled thread time, ~100 Hz), converts
/// the trace to speedscope JSON and summarises it with <see cref="TraceSummary"/>. Optional: without dotnet-trace the
/// benchmark runs unprofiled.
/// </summary>
internal static class HostTrace
{
    /// <summary>dotnet-trace from <paramref name="explicitPath"/>, PATH, or the global tools folder; null when absent.</summary>
    public static string? Find(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.Select(f => Path.Combine(f, "dotnet-trace")).FirstOrDefault(File.Exists);
    }

    /// <summary>Collects <paramref name="duration"/> of sampled thread time of process <paramref name="pid"/> into <paramref name="nettracePath"/>.</summary>
    public static async Task CollectAsync(string tool, int pid, TimeSpan duration, string nettracePath, CancellationToken cancellationToken = default)
    {
        var span = duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--duration", span, "-o", nettracePath],
            duration + TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Converts the trace to speedscope JSON and returns the summary text.</summary>
    public static async Task<string> SummarizeAsync(string tool, string nettracePath, CancellationToken cancellationToken = default)
    {
        var speedscope = Path.ChangeExtension(nettracePath, ".speedscope.json");
        await RunAsync(tool, ["convert", "--format", "speedscope", "-o", speedscope, nettracePath], TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);

        // dotnet-trace names the output NAME.speedscope.json, or NAME.speedscope.speedscope.json in some versions.
        var written = new[] { speedscope, Path.ChangeExtension(speedscope, ".speedscope.json") }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"dotnet-trace wrote no speedscope file next to {nettracePath}.");
        await using var stream = File.OpenRead(written);
        return TraceSummary.Read(stream).Render(15);
    }

    private static async Task RunAsync(string tool, string[] arguments, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"dotnet-trace {arguments[0]} did not finish within {deadline}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-trace {arguments[0]} failed ({process.ExitCode}): {await errors.ConfigureAwait(false)} {await output.ConfigureAwait(false)}");
        }
    }
}
