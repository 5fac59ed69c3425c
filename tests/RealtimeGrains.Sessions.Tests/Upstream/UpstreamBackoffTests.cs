using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions.Tests.Upstream;

public sealed class UpstreamBackoffTests
{
    [Theory]
    [InlineData(0.0, 500)]
    [InlineData(0.5, 750)]
    [InlineData(0.999, 999)]
    public void Wait_IsJitteredBetweenHalfTheDelayAndAllOfIt(double unit, int expectedMs)
    {
        var wait = UpstreamBackoff.Wait(TimeSpan.FromSeconds(1), retryAfter: null, unit);

        Assert.Equal(expectedMs, (int)wait.TotalMilliseconds);
    }

    [Fact]
    public void Wait_ManyDraws_SpreadOverTheWholeJitterRange()
    {
        var random = new Random(7);
        var waits = Enumerable.Range(0, 1000).Select(_ => UpstreamBackoff.Wait(TimeSpan.FromSeconds(1), null, random.NextDouble()).TotalMilliseconds).ToList();

        Assert.InRange(waits.Min(), 500, 520);
        Assert.InRange(waits.Max(), 980, 1000);
        Assert.True(waits.Distinct().Count() > 900, "sessions that failed together must not retry together");
    }

    [Fact]
    public void Wait_RetryAfterLongerThanTheBackoff_Wins_CappedAtAMinute()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), UpstreamBackoff.Wait(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), 0.3));
        Assert.Equal(TimeSpan.FromMinutes(1), UpstreamBackoff.Wait(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(10), 0.3));
    }

    [Fact]
    public void Wait_RetryAfterShorterThanTheBackoff_KeepsTheBackoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), UpstreamBackoff.Wait(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), 0.5));
    }

    [Fact]
    public void Next_Doubles_UpToTheMaximum()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(400), UpstreamBackoff.Next(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), UpstreamBackoff.Next(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10)));
    }
}
