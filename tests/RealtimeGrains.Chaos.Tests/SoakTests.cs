using RealtimeGrains.Chaos.Benchmarks;
using Xunit.Abstractions;

namespace RealtimeGrains.Chaos.Tests;

[Collection("host processes")]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ShortSoak_HeapFlat_NoLeakedActivationsSocketsOrTimers_EveryTranscriptComplete()
    {
        var options = new SoakOptions
        {
            Sessions = 10,
            Duration = TimeSpan.FromSeconds(50),
            SessionLifetime = TimeSpan.FromSeconds(20),
            UpstreamLimit = TimeSpan.FromSeconds(15),
            WarmUp = TimeSpan.FromSeconds(25),

            // A short run's per-session heap is a few MB over a ~20 MB host: collection noise is a few per cent of it.
            HeapTolerance = 0.25,
        };
        using var log = new StringWriter();

        var result = await SoakRun.RunAsync(options, log).WaitAsync(TimeSpan.FromMinutes(3));

        result.Print(log);
        output.WriteLine(log.ToString());
        Assert.All(result.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.True(result.SessionsRun > options.Sessions, "sessions ended and new ones started (churn)");
        Assert.True(result.UpstreamConnections > result.SessionsRun, "upstream sessions rolled over");
        Assert.True(result.BargeIns > 0, "the clients barged in");
        Assert.True(result.Reconnects > 0, "the clients reconnected");
        Assert.Empty(result.Problems);
    }
}
