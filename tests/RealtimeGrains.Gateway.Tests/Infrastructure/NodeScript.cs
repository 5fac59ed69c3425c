using System.Text.Json;
using RealtimeGrains.TestKit;

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

        var run = await ChildProcess.RunAsync("node", Directory, TimeSpan.FromSeconds(60), [script, .. args]);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new InvalidOperationException($"node {script} printed nothing (exit {run.ExitCode}): {run.StandardError}");
        }

        var result = JsonDocument.Parse(lines[^1]).RootElement.Clone();
        if (!result.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"node {script} failed: {result.GetProperty("error").GetString()} {run.StandardError}");
        }

        return result;
    }
}
