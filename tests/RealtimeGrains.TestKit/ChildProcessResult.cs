namespace RealtimeGrains.TestKit;

/// <summary>What a child process left behind: its exit code and its captured output.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything it wrote to standard output.</param>
/// <param name="StandardError">Everything it wrote to standard error.</param>
public sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError);
