namespace RealtimeGrains.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantGrain : Grain, IReentrantGrain
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _overlaps;
    private int _pending;
    private int _maxPending;

    public Task BlockAsync() => _gate.Task;

    public Task ReleaseAsync()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task EnterAsync(int yields)
    {
        _pending++;
        _maxPending = Math.Max(_maxPending, _pending);
        for (var i = 0; i < yields; i++)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }

            Thread.SpinWait(100);
            Interlocked.Decrement(ref _inside);
            await Task.Yield();
        }

        _pending--;
    }

    public Task<int> GetOverlapsAsync() => Task.FromResult(_overlaps);

    public Task<int> GetMaxInterleavedAsync() => Task.FromResult(_maxPending);
}
