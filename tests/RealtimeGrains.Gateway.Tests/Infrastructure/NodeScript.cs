using System.Diagnostics;
using System.Text.Json;

namespace RealtimeGrains.Gateway.Tests.Infrastructure;

/// <summary>Runs a script of <c>tests/js</c> with node and returns its last JSON line, with a deadline.</summary>
public static class NodeScript
{
    public static string Directory => Path.Combine(GatewayServer.RepositoryRoot, "tests", "js");

    public static async Task<JsonElement> RunAsync(string script, params string[] args)
    {
        if (!File.Exists(Path.Combine(Directory, "node_modules", "@microsoft", "signalr", "package.json")))
        {
            throw new InvalidOperationException("tests/js/node_modules is missing: run scripts/install-test-deps.sh (npm ci in tests/js).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new InvalidOperationException($"node {script} printed nothing (exit {process.ExitCode}): {await stderr}");
        }

        var result = JsonDocument.Parse(lines[^1]).RootElement.Clone();
        if (!result.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"node {script} failed: {result.GetProperty("error").GetString()} {await stderr}");
        }

        return result;
    }
}
