namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>Records overlapping turns and the order of calls; can block and be released.</summary>
public sealed class TurnGrain : Grain, ITurnGrain
{
    private readonly List<int> _log = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _overlaps;

    public async Task EnterAsync(int yields)
    {
        Enter();
        for (var i = 0; i < yields; i++)
        {
            Leave();
            await Task.Yield();
            Enter();
        }

        Leave();
    }

    public Task AppendAsync(int value)
    {
        Enter();
        _log.Add(value);
        Leave();
        return Task.CompletedTask;
    }

    public Task<int[]> GetLogAsync() => Task.FromResult(_log.ToArray());

    public Task<int[]> PeekLogAsync() => GetLogAsync();

    public Task<int> GetOverlapsAsync() => Task.FromResult(_overlaps);

    public Task BlockAsync()
    {
        Signals.Raise("turn-blocked/" + GetPrimaryKeyString());
        return _gate.Task;
    }

    public Task ReleaseAsync()
    {
        _gate.TrySetResult();
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.CompletedTask;
    }

    public Task ReleaseInterleavedAsync() => ReleaseAsync();

    // "Forever" until a test releases it, so the silo can shut down cleanly afterwards.
    public async Task<int> WaitForeverAsync()
    {
        await _gate.Task;
        return 0;
    }

    public Task<int> WaitForeverBrieflyAsync() => WaitForeverAsync();

    public async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        try
        {
            Signals.Raise("turn-waiting/" + GetPrimaryKeyString());
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Signals.Raise("turn-cancelled/" + GetPrimaryKeyString());
            throw;
        }
    }

    public Task StartTimerAsync(TimeSpan period, bool interleave)
    {
        RegisterGrainTimer(
            _ =>
            {
                Signals.Raise("turn-tick/" + GetPrimaryKeyString());
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(period, period) { Interleave = interleave });
        return Task.CompletedTask;
    }

    public Task StartExternalLoopAsync(int count)
    {
        // Like a socket receive loop: runs outside grain turns and hands each event in as a turn.
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var value = 1000 + i;
                await RunAsTurnAsync(() => AppendAsync(value));
            }

            Signals.Raise("turn-loop-done/" + GrainId.Key);
        });
        return Task.CompletedTask;
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    private void Leave() => Interlocked.Decrement(ref _inside);
}
