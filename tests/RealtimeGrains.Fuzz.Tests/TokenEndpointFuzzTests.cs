using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Fuzz.Targets;

namespace RealtimeGrains.Fuzz.Tests;

public sealed class TokenEndpointFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedRequests_Always4xxJsonErrorOrAToken_NeverATokenWithoutTheServerCredential_Never5xx()
    {
        var report = await new TokenEndpointTarget().RunAsync(new FuzzSettings(1_500, ShortPass.Seed));

        ShortPass.AssertPassed(report, output);
        Assert.True(report.Accepted > 0, "no token was minted: the generator never sent a valid request");
        Assert.True(report.Refusals.GetValueOrDefault("401 invalid_api_key") > 0, "refusals: " + string.Join(", ", report.Refusals));
    }
}
