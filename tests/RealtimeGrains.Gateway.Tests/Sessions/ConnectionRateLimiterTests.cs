using RealtimeGrains.TestKit;

namespace RealtimeGrains.Gateway.Tests.Sessions;

public sealed class ConnectionRateLimiterTests
{
    [Fact]
    public void Burst_IsAllowed_ThenRejected_UntilTimeRefills()
    {
        var time = new ManualTimeProvider();
        var limiter = new ConnectionRateLimiter(new GatewayOptions { MessagesPerSecond = 10, MessageBurst = 3 }, time);

        Assert.True(limiter.TryAcquire());
        Assert.True(limiter.TryAcquire());
        Assert.True(limiter.TryAcquire());
        Assert.False(limiter.TryAcquire());

        time.Advance(TimeSpan.FromMilliseconds(50)); // half a token
        Assert.False(limiter.TryAcquire());

        time.Advance(TimeSpan.FromMilliseconds(50)); // one token
        Assert.True(limiter.TryAcquire());
        Assert.False(limiter.TryAcquire());
    }

    [Fact]
    public void LongIdle_RefillsOnlyUpToTheBurst()
    {
        var time = new ManualTimeProvider();
        var limiter = new ConnectionRateLimiter(new GatewayOptions { MessagesPerSecond = 100, MessageBurst = 5 }, time);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryAcquire());
        }

        time.Advance(TimeSpan.FromHours(1));

        var allowed = 0;
        while (limiter.TryAcquire())
        {
            allowed++;
        }

        Assert.Equal(5, allowed);
    }
}
