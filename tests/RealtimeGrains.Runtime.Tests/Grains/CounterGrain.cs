namespace RealtimeGrains.Runtime.Tests.Grains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _value;
    private Payload? _lastPayload;

    public CounterGrain() => Signals.Increment("counter-constructed/" + GetPrimaryKeyString());

    public Task<int> AddAsync(int delta, CancellationToken cancellationToken = default) => Task.FromResult(_value += delta);

    public Task<Guid> GetActivationIdAsync() => Task.FromResult(_activationId);

    public async Task ThrowAsync(string message)
    {
        await Task.Yield();
        throw new GrainTestException(message);
    }

    public Task ThrowSynchronouslyAsync(string message) => throw new ArgumentException(message);

    public ValueTask<int> GetValueAsync() => ValueTask.FromResult(_value);

    public ValueTask ResetAsync()
    {
        _value = 0;
        return ValueTask.CompletedTask;
    }

    public Task<Payload> EchoAsync(Payload payload)
    {
        _lastPayload = payload;
        return Task.FromResult(payload);
    }

    public Task<bool> IsSameInstanceAsync(Payload payload) => Task.FromResult(ReferenceEquals(payload, _lastPayload));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<(int Total, bool StayedOnScheduler)> AddThroughAsync(string otherKey, int delta)
    {
        var scheduler = SynchronizationContext.Current;
        var total = await GrainFactory.GetGrain<ICounterGrain>(otherKey).AddAsync(delta);
        return (total, scheduler is not null && ReferenceEquals(scheduler, SynchronizationContext.Current));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Signals.Raise("counter-deactivated/" + GetPrimaryKeyString(), reason);
        return Task.CompletedTask;
    }
}
