namespace RealtimeGrains.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int delta, CancellationToken cancellationToken = default);

    Task<Guid> GetActivationIdAsync();

    Task ThrowAsync(string message);

    Task ThrowSynchronouslyAsync(string message);

    ValueTask<int> GetValueAsync();

    ValueTask ResetAsync();

    Task<Payload> EchoAsync(Payload payload);

    Task<bool> IsSameInstanceAsync(Payload payload);

    Task DeactivateAsync();

    Task<(int Total, bool StayedOnScheduler)> AddThroughAsync(string otherKey, int delta);
}
