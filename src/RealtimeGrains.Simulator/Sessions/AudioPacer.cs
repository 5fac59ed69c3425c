namespace RealtimeGrains.Simulator;

/// <summary>
/// One clock for the output pacing of every session: waiters are kept in a priority queue and released by a
/// single 10 ms timer, instead of one timer per audio chunk per session. Continuations run on the thread pool.
/// </summary>
internal sealed class AudioPacer : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private readonly ITimer _timer;
    private bool _running;

    public AudioPacer(TimeProvider time)
    {
        _time = time;
        _timer = time.CreateTimer(static state => ((AudioPacer)state!).Release(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Completes once the <see cref="TimeProvider"/> timestamp reaches <paramref name="dueTimestamp"/>.</summary>
    public Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
    {
        if (_time.GetTimestamp() >= dueTimestamp)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Enqueue(waiter, dueTimestamp);
            if (!_running)
            {
                _running = true;
                _timer.Change(Tick, Tick);
            }
        }

        return cancellationToken.CanBeCanceled ? waiter.Task.WaitAsync(cancellationToken) : waiter.Task;
    }

    public void Dispose() => _timer.Dispose();

    private void Release()
    {
        var now = _time.GetTimestamp();
        List<TaskCompletionSource>? due = null;
        lock (_lock)
        {
            while (_waiting.TryPeek(out var waiter, out var at) && at <= now)
            {
                _waiting.Dequeue();
                (due ??= []).Add(waiter);
            }

            if (_waiting.Count == 0)
            {
                _running = false;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        due?.ForEach(static w => w.TrySetResult());
    }
}
