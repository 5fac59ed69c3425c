using System.Diagnostics;
using System.Reflection;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Simulator.Tests.Server;

/// <summary>The built standalone simulator executable (RealtimeGrains.Simulator.Server) as a process: help and start-up validation.</summary>
public sealed class ServerCommandLineTests
{
    private static readonly TimeSpan ProcessDeadline = TimeSpan.FromSeconds(60);

    private static string ServerAssembly =>
        typeof(ServerCommandLineTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SimulatorServerAssembly").Value!;

    /// <summary>Runs <c>dotnet RealtimeGrains.Simulator.Server.dll</c> to its exit (killed at the deadline), with extra environment variables.</summary>
    private static async Task<ChildProcessResult> RunServerAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(ServerAssembly)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().Within($"the simulator server ({string.Join(' ', arguments)}) to exit", ProcessDeadline);
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

    private static Task<ChildProcessResult> RunServerAsync(params string[] arguments) => RunServerAsync(new Dictionary<string, string>(), arguments);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsEverySettingWithItsDefault_AndExitsZeroWithoutStartingAServer(string flag)
    {
        // Were help ignored, the server would start and run until the deadline kills it.
        var result = await RunServerAsync(flag, "--urls", "http://127.0.0.1:0");

        Assert.Equal(0, result.ExitCode);
        var help = result.StandardOutput;
        Assert.DoesNotContain("Now listening", help, StringComparison.Ordinal);
        var settings = typeof(SimulatorOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(SimulatorOptions.TimeProvider));
        Assert.All(settings, p => Assert.Contains($"--{SimulatorOptions.SectionName}:{p.Name}", help, StringComparison.Ordinal));
        Assert.Contains("--urls", help, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000", help, StringComparison.Ordinal);
        Assert.Contains("--RealtimeSimulator:ApiKeys:0=dev-key", help, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator__ApiKeys__0=dev-key", help, StringComparison.Ordinal);
        var defaults = new SimulatorOptions();
        Assert.Matches($@"MaxSessionDuration=T\s.*\(default {defaults.MaxSessionDuration:c}\)", help);
        Assert.Matches($@"AudioChunkMs=N\s.*\(default {defaults.AudioChunkMs}\)", help);
        Assert.Matches(@"KeepAliveTimeout=T\s.*\(default off\)", help);
        Assert.Matches(@"RecordSessions=BOOL\s.*\(default true\)", help);
        Assert.Contains("exit code 2", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--RealtimeSimulator:AudioChunkMs=5", "RealtimeSimulator:AudioChunkMs")]
    [InlineData("--RealtimeSimulator:SpeedFactor=fast", "RealtimeSimulator:SpeedFactor")]
    [InlineData("--RealtimeSimulator:SpeedFacto=2", "RealtimeSimulator:SpeedFacto")]
    [InlineData("--RealtimeSimulator:Rules:0:Contanis=hours", "RealtimeSimulator:Rules:0:Contanis")]
    [InlineData("--RealtimeSimulator:KeepAliveInterval=00:00:00 --RealtimeSimulator:KeepAliveTimeout=00:00:02", "RealtimeSimulator:KeepAliveTimeout")]
    public async Task InvalidSetting_StopsStartup_NamingTheSetting_WithExitCode2(string arguments, string named)
    {
        var result = await RunServerAsync([.. arguments.Split(' '), "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("Invalid configuration:", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSetting_FromTheEnvironment_IsNamedToo()
    {
        var result = await RunServerAsync(new Dictionary<string, string> { ["RealtimeSimulator__MaxSessionDuration"] = "00:00:00" }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("RealtimeSimulator:MaxSessionDuration must be positive", result.StandardError, StringComparison.Ordinal);
    }
}
