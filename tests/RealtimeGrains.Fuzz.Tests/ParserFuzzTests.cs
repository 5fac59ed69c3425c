using RealtimeGrains.Fuzz.Running;
using RealtimeGrains.Fuzz.Targets;

namespace RealtimeGrains.Fuzz.Tests;

public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedFrames_BothDialects_NeverThrow_RefuseWithACodeAndMessage_AndRoundTripStably()
    {
        var report = await new ParserTarget().RunAsync(new FuzzSettings(4_000, ShortPass.Seed));

        ShortPass.AssertPassed(report, output);

        // The generator makes structured-but-wrong input, not only garbage: many events parse, and the refusals are of many kinds.
        Assert.True(report.Accepted > report.Inputs / 10, $"only {report.Accepted} of {report.Inputs} inputs parsed");
        Assert.True(report.Refusals.Count >= 6, "refusal codes: " + string.Join(", ", report.Refusals.Keys));
    }

    [Fact]
    public async Task SameSeed_SameInputs_SameFigures()
    {
        var first = await new ParserTarget().RunAsync(new FuzzSettings(300, 99));
        var second = await new ParserTarget().RunAsync(new FuzzSettings(300, 99));
        var other = await new ParserTarget().RunAsync(new FuzzSettings(300, 100));

        Assert.Equal(first.Accepted, second.Accepted);
        Assert.Equal(first.Refusals.OrderBy(r => r.Key), second.Refusals.OrderBy(r => r.Key));
        Assert.NotEqual(first.Refusals.OrderBy(r => r.Key), other.Refusals.OrderBy(r => r.Key));
    }
}
