using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Activation;

/// <summary>Idle collection and keep-alive, driven by a manual clock (collection age 2 min, checked every minute).</summary>
public sealed class IdleCollectionTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static Task<TestSilo> StartAsync(ManualTimeProvider time) =>
        TestSilo.StartAsync(b => b.Configure(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(2);
            o.CollectionQuantum = Minute;
        }), time);

    private static GrainId IdOf(string key) => new(typeof(ILifecycleGrain).FullName!, key);

    [Fact]
    public async Task IdleGrain_PastCollectionAge_IsDeactivatedWithIdleReason()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).PingAsync().Within("activation");

        time.Advance(3 * Minute);

        var reason = await Signals.WaitAsync<DeactivationReason>("lifecycle-deactivated/" + key).Within("idle deactivation");
        Assert.Equal(DeactivationReasonCode.IdleCollection, reason.ReasonCode);
    }

    [Fact]
    public async Task RecentlyCalledGrain_IsNotCollected()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.PingAsync().Within("activation");

        time.Advance(Minute + TimeSpan.FromSeconds(30));
        await grain.PingAsync().Within("call inside the age");
        time.Advance(Minute + TimeSpan.FromSeconds(30));

        Assert.True(silo.Diagnostics.IsActive(IdOf(key)));
        Assert.Equal(1, Signals.Count("lifecycle-activated/" + key));
    }

    [Fact]
    public async Task GrainHoldingKeepAlive_IsNotCollected_UntilItReleases()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.HoldAsync().Within("hold keep-alive");

        time.Advance(30 * Minute);
        Assert.True(silo.Diagnostics.IsActive(IdOf(key)), "a grain with a keep-alive hold must not be collected");

        await grain.ReleaseHoldAsync().Within("release hold");
        time.Advance(3 * Minute);

        var reason = await Signals.WaitAsync<DeactivationReason>("lifecycle-deactivated/" + key).Within("deactivation after release");
        Assert.Equal(DeactivationReasonCode.IdleCollection, reason.ReasonCode);
    }

    [Fact]
    public async Task DelayDeactivation_KeepsGrainPastCollectionAge_ThenItIsCollected()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.DelayDeactivationAsync(TimeSpan.FromMinutes(10)).Within("delay deactivation");

        time.Advance(5 * Minute);
        Assert.True(silo.Diagnostics.IsActive(IdOf(key)), "DelayDeactivation must keep the grain");

        time.Advance(6 * Minute);
        await Signals.Get("lifecycle-deactivated/" + key).Task.Within("deactivation after the delay");
    }

    [Fact]
    public async Task TimerWithoutKeepAlive_DoesNotKeepGrainAlive()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).StartTimerAsync(TimeSpan.FromSeconds(20), keepAlive: false).Within("start timer");

        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            if (i < 3)
            {
                await Signals.Get($"lifecycle-tick/{key}/{i + 1}").Task.Within($"tick {i + 1}");
            }
        }

        await Signals.Get("lifecycle-deactivated/" + key).Task.Within("deactivation despite ticks");
    }

    [Fact]
    public async Task TimerWithKeepAlive_KeepsGrainAlive()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartAsync(time);
        var key = Guid.NewGuid().ToString("N");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).StartTimerAsync(TimeSpan.FromSeconds(20), keepAlive: true).Within("start timer");

        for (var i = 1; i <= 15; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            await Signals.Get($"lifecycle-tick/{key}/{i}").Task.Within($"tick {i}");
        }

        Assert.True(silo.Diagnostics.IsActive(IdOf(key)), "keep-alive ticks count as activity");
    }
}
