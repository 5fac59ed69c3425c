using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Fuzz.Targets;

namespace RealtimeGrains.Fuzz.Tests;

public sealed class RealtimeEndpointFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedFrames_GaAndBeta_EachRefusalAnErrorToThatClient_SocketStaysOpen_BystanderAnswered_NoErrorLogs()
    {
        var report = await new RealtimeEndpointTarget().RunAsync(new FuzzSettings(1_500, ShortPass.Seed));

        ShortPass.AssertPassed(report, output);
        Assert.Contains("completed", report.Checks["bystander text turns"], StringComparison.Ordinal);
        Assert.StartsWith("closed", report.Checks["a text frame that is not UTF-8"], StringComparison.Ordinal);
        Assert.True(report.Refusals.GetValueOrDefault("invalid_json") > 0 && report.Refusals.GetValueOrDefault("invalid_type") > 0, "refusals: " + string.Join(", ", report.Refusals));
    }
}
