using RealtimeGrains.Runtime.Activation;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Messaging;

namespace RealtimeGrains.Runtime.Timers;

/// <summary>
/// A grain timer on the runtime's <see cref="TimeProvider"/>. A tick queues a turn; while that turn
/// is queued or running, further ticks are skipped, so ticks never overlap. Ticks count as activity
/// only with <see cref="GrainTimerCreationOptions.KeepAlive"/>.
/// </summary>
internal sealed class GrainTimer(ActivationData activation, GrainRuntime runtime, Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    : IGrainTimer
{
    private readonly ActivationData _activation = activation;
    private readonly GrainRuntime _runtime = runtime;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _busy;

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
        if (_stopping.IsCancellationRequested || Interlocked.Exchange(ref _busy, 1) == 1)
        {
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
            Volatile.Write(ref _busy, 0);
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

                Volatile.Write(ref timer._busy, 0);
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
