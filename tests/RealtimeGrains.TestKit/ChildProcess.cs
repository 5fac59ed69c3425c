using System.Diagnostics;

namespace RealtimeGrains.TestKit;

/// <summary>Runs a program to completion with a deadline, capturing its output; a hung child is killed with its tree.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    /// <param name="fileName">The program (e.g. <c>dotnet</c>, <c>node</c>).</param>
    /// <param name="workingDirectory">Its working directory.</param>
    /// <param name="timeout">How long it may run before it is killed and the step fails.</param>
    /// <param name="arguments">Its arguments, passed as they are (no shell quoting).</param>
    /// <returns>The exit code and the captured standard output and error.</returns>
    public static async Task<ChildProcessResult> RunAsync(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().Within($"{fileName} {string.Join(' ', arguments)} to exit", timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new ChildProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
