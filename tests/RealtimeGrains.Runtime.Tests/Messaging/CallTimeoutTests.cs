using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Messaging;

public sealed class CallTimeoutTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_GrainNeverAnswers_CallerGetsTimeoutAfterDefault30Seconds(bool serialize)
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(b => b.Configure(o => o.SerializeAllCalls = serialize), time);
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Guid.NewGuid().ToString("N"));
        var call = grain.WaitForeverAsync();

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted, "the call must not time out before 30 s");
        time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call.Within("timed-out call"));
        Assert.Contains(nameof(ITurnGrain.WaitForeverAsync), error.Message, StringComparison.Ordinal);
        await grain.ReleaseInterleavedAsync().Within("release the grain");
    }

    [Fact]
    public async Task Call_MethodWithResponseTimeoutAttribute_TimesOutSooner()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Guid.NewGuid().ToString("N"));
        var brief = grain.WaitForeverBrieflyAsync();

        time.Advance(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<TimeoutException>(() => brief.Within("call with a 2 s timeout"));
        await grain.ReleaseInterleavedAsync().Within("release the grain");
    }

    [Fact]
    public async Task Call_QueuedBehindABlockedRequest_TimesOutToo()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(key);
        _ = grain.BlockAsync();
        await Signals.Get("turn-blocked/" + key).Task.Within("blocked request");
        var queued = grain.AppendAsync(1);

        time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<TimeoutException>(() => queued.Within("queued call"));
        await grain.ReleaseInterleavedAsync().Within("release the grain");
    }
}
