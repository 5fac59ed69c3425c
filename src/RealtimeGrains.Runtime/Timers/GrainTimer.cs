using RealtimeGrains.Runtime.Activation;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Messaging;

namespace RealtimeGrains.Runtime.Timers;

/// <summary>
/// A grain timer on the runtime's <see cref="TimeProvider"/>. A tick queues a turn; ticks never overlap:
/// ticks that fall due while one is queued or running collapse into one more tick, run as soon as the
/// current one ends. Ticks count as activity only with <see cref="GrainTimerCreationOptions.KeepAlive"/>.
/// </summary>
internal sealed class GrainTimer(ActivationData activation, GrainRuntime runtime, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    : IGrainTimer
{
    private readonly ActivationData _activation = activation;
    private readonly GrainRuntime _runtime = runtime;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private const int Idle = 0;
    private const int Busy = 1;
    private const int BusyAndOwed = 2;
    private int _state;

    public void Start() => _timer = _runtime.Time.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, options.DueTime, options.Period);

    public void Change(TimeSpan dueTime, TimeSpan period) => _timer?.Change(dueTime, period);

    public void Dispose()
    {
        Stop();
        _activation.RemoveTimer(this);
    }

    /// <summary>Stops the timer without touching the activation's list (used during deactivation).</summary>
    public void Stop()
    {
        _timer?.Dispose();
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }
    }

    private void OnTick()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var state = Volatile.Read(ref _state);
            if (state == BusyAndOwed)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
            {
                if (state == Idle)
                {
                    StartTick();
                }

                return;
            }
        }
    }

    private void StartTick()
    {
        if (_stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _state, Idle);
            return;
        }

        var tick = new TimerInvokable(callback, options.Interleave, _stopping.Token)
        {
            IsBackground = !options.KeepAlive,
            Timeout = Timeout.InfiniteTimeSpan,
            StartTimestamp = _runtime.Time.GetTimestamp(),
        };
        var task = tick.GetCallerTask();
        if (!_activation.TryEnqueue(tick))
        {
            Volatile.Write(ref _state, Idle);
            return;
        }

        task.ContinueWith(
            static (t, state) =>
            {
                var timer = (GrainTimer)state!;
                if (t.IsFaulted)
                {
                    timer._runtime.Logger.TimerFailed(timer._activation.GrainId, t.Exception!.GetBaseException());
                }

                timer.OnTickCompleted();
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnTickCompleted()
    {
        while (true)
        {
            if (Interlocked.CompareExchange(ref _state, Busy, BusyAndOwed) == BusyAndOwed)
            {
                // A tick fell due meanwhile: run it now (asynchronously, so a busy timer cannot recurse deeply).
                ThreadPool.UnsafeQueueUserWorkItem(static timer => timer.StartTick(), this, preferLocal: false);
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Idle, Busy) == Busy)
            {
                return;
            }
        }
    }
}
