using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task SiloStop_RunsOnDeactivateAsync_OnEveryGrain()
    {
        var silo = await TestSilo.StartAsync();
        var keys = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        await Task.WhenAll(keys.Select(k => silo.GrainFactory.GetGrain<ILifecycleGrain>(k).PingAsync())).Within("activate 50 grains");

        await silo.StopAsync().Within("silo stop");

        foreach (var key in keys)
        {
            var reason = await Signals.WaitAsync<DeactivationReason>("lifecycle-deactivated/" + key).Within("OnDeactivateAsync of " + key);
            Assert.Equal(DeactivationReasonCode.ShuttingDown, reason.ReasonCode);
        }

        Assert.Equal(0, silo.Diagnostics.ActivationCount);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task SiloStopped_NewCall_FailsClearly()
    {
        var silo = await TestSilo.StartAsync();
        await silo.StopAsync().Within("silo stop");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => silo.GrainFactory.GetGrain<ICounterGrain>("after-stop").AddAsync(1).Within("call after stop"));

        Assert.Contains("shutting down", error.Message, StringComparison.Ordinal);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task SiloStop_GrainStuckInARequest_StopEndsAtTheShutdownDeadline()
    {
        var silo = await TestSilo.StartAsync(b => b.Configure(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300)));
        var stuck = Guid.NewGuid().ToString("N");
        var idle = Guid.NewGuid().ToString("N");
        _ = silo.GrainFactory.GetGrain<ITurnGrain>(stuck).BlockAsync();
        await Signals.Get("turn-blocked/" + stuck).Task.Within("blocked request");
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(idle).PingAsync().Within("idle grain");

        // Without the 300 ms deadline the stop would wait for the stuck request (the host allows 30 s).
        await silo.StopAsync().Within("silo stop bounded by its deadline", TimeSpan.FromSeconds(10));

        await Signals.Get("lifecycle-deactivated/" + idle).Task.Within("the idle grain deactivated");
        await silo.DisposeAsync();
    }
}
