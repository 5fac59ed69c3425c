using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Fuzz.Targets;

namespace RealtimeGrains.Fuzz.Tests;

public sealed class HubFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedCalls_EveryMethod_RefusedWithHubExceptionOrErrorEvent_ConnectionSurvives_BystanderAnswered_NoErrorLogs()
    {
        var report = await new HubTarget().RunAsync(new FuzzSettings(600, ShortPass.Seed));

        ShortPass.AssertPassed(report, output);
        Assert.Contains("completed", report.Checks["bystander text turns"], StringComparison.Ordinal);
        Assert.StartsWith("connection closed", report.Checks["a 300 KB hub message"], StringComparison.Ordinal);

        // Calls got past Attach to the session (some accepted, some refused by the session with an error event).
        Assert.True(report.Accepted > 0, "no call was accepted");
        Assert.Contains(report.Refusals.Keys, k => k.StartsWith("serverEvent error", StringComparison.Ordinal));
    }
}
