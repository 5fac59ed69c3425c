namespace RealtimeGrains.Infra.Tests.Infrastructure;

/// <summary>What one <c>bicep</c> run printed and returned.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{StandardError}{StandardOutput}";
}
