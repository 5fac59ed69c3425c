using System.Diagnostics;

namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package the test project downloads at restore.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static string Executable => ExecutableAt(Repository.Metadata("BicepPackageFolder"));

    /// <summary>The bicep binary of the package extracted at <paramref name="packageFolder"/>; a clear error when it is not there.</summary>
    public static string ExecutableAt(string packageFolder)
    {
        var path = Path.Combine(packageFolder, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at '{path}'. It comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 " +
                "(a PackageDownload of tests/RealtimeGrains.Infra.Tests): run `dotnet restore tests/RealtimeGrains.Infra.Tests`.");
        }

        return path;
    }

    /// <summary>Runs <c>bicep ARGS</c> in <paramref name="workingDirectory"/>; fails the test if it does not end within the deadline.</summary>
    public static async Task<BicepResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No telemetry and no update checks: the tests run offline.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        using var timeout = new CancellationTokenSource(Deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish within {Deadline}.");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }
}
