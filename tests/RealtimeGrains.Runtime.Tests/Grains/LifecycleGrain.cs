namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>Signals activation, deactivation (with the reason) and timer ticks under its key.</summary>
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private IDisposable? _hold;
    private int _ticks;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Signals.Increment("lifecycle-activated/" + GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Signals.Raise("lifecycle-deactivated/" + GetPrimaryKeyString(), reason);
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task HoldAsync()
    {
        _hold ??= HoldKeepAlive();
        return Task.CompletedTask;
    }

    public Task ReleaseHoldAsync()
    {
        _hold?.Dispose();
        _hold = null;
        return Task.CompletedTask;
    }

    public Task DelayDeactivationAsync(TimeSpan delay)
    {
        DelayDeactivation(delay);
        return Task.CompletedTask;
    }

    public Task StartTimerAsync(TimeSpan period, bool keepAlive)
    {
        RegisterGrainTimer(
            async _ =>
            {
                await Task.Yield();
                _ticks++;
                Signals.Raise($"lifecycle-tick/{GetPrimaryKeyString()}/{_ticks}");
            },
            new GrainTimerCreationOptions(period, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);
}
