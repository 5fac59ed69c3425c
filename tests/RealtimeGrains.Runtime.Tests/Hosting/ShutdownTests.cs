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
}
