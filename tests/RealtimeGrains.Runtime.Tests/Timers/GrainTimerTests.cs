using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Timers;

public sealed class GrainTimerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Timer_TicksOnEachPeriod_AsGrainTurns(bool serialize)
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(b => b.Configure(o => o.SerializeAllCalls = serialize), time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), keepAlive: false).Within("start timer");

        for (var i = 1; i <= 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Signals.Get($"lifecycle-tick/{key}/{i}").Task.Within($"tick {i}");
        }

        Assert.Equal(3, await grain.GetTicksAsync().Within("tick count"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Timer_WhileARequestIsBlocked_TicksOnlyIfInterleaving(bool interleave)
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time: time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(key);
        await grain.StartTimerAsync(TimeSpan.FromSeconds(5), interleave).Within("start timer");
        var blocked = grain.BlockAsync();
        await Signals.Get("turn-blocked/" + key).Task.Within("blocked request");

        time.Advance(TimeSpan.FromSeconds(5));

        if (interleave)
        {
            await Signals.Get("turn-tick/" + key).Task.Within("interleaving tick during the blocked request");
        }
        else
        {
            // The tick is queued behind the blocked request; an interleaving peek (sent after the tick) runs first.
            await grain.PeekLogAsync().Within("peek while blocked");
            Assert.False(Signals.Get("turn-tick/" + key).Task.IsCompleted, "a plain tick must wait for the running request");
        }

        await grain.ReleaseInterleavedAsync().Within("release");
        await blocked.Within("blocked request completes");
        await Signals.Get("turn-tick/" + key).Task.Within("tick after the release");
    }

    [Fact]
    public async Task Timer_StopsWhenGrainDeactivates()
    {
        var time = new ManualTimeProvider();
        var silo = await TestSilo.StartAsync(time: time);
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).StartTimerAsync(TimeSpan.FromSeconds(5), keepAlive: false).Within("start timer");
        await silo.StopAsync().Within("silo stop");

        time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(Signals.Get($"lifecycle-tick/{key}/1").Task.IsCompleted, "no tick after deactivation");
        await silo.DisposeAsync();
    }
}
