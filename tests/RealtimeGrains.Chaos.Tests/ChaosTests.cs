using RealtimeGrains.Chaos.Benchmarks;
using Xunit.Abstractions;

namespace RealtimeGrains.Chaos.Tests;

[Collection("host processes")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task UpstreamFaultsAtRates_EverySessionRecovers_NothingLost_NoDuplicate()
    {
        var options = new ChaosOptions
        {
            Sessions = 20,
            Turns = 3,
            Ramp = TimeSpan.FromSeconds(3),
            Refuse = 0.15,
            Drop = 0.1,
            Stall = 0.05,
            Expire = 0.5,
            SlowRead = 0.2,
            StallTimeout = TimeSpan.FromSeconds(2),
            TurnDeadline = TimeSpan.FromSeconds(60),
        };
        using var log = new StringWriter();

        var result = await ChaosRun.RunAsync(options, log).WaitAsync(TimeSpan.FromMinutes(3));

        result.Print(log);
        output.WriteLine(log.ToString());
        Assert.True(result.Faults.MidResponseDrops + result.Faults.Stalls > 0, "no response was cut: the run proved nothing");
        Assert.True(result.Faults.ConnectRefusals + result.Faults.EarlyExpiries > 0, "no upstream session was refused or expired early");
        Assert.Equal(20, result.Recovered);
        Assert.Equal(0, result.LostItems);
        Assert.Equal(0, result.IncompleteTranscripts);
        Assert.Equal(0, result.DuplicateResponses);
        Assert.Equal(60, result.TurnsAnswered + result.TurnsLostTold);
        Assert.Empty(result.Problems);
    }
}
