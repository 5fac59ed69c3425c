using RealtimeGrains.Invocation;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Messaging;
using RealtimeGrains.Runtime.Scheduling;
using RealtimeGrains.Runtime.Timers;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>
/// One activation: the grain (or observer) object, its mailbox and its scheduler. Requests wait in
/// FIFO order until admitted (one at a time unless the grain is reentrant or the method interleaves);
/// admitted requests and the continuations of their awaits run one at a time on a thread-pool work
/// item that drains the run queue. The activation is its own <see cref="SynchronizationContext"/>,
/// so awaits in grain code come back here.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem, ICallTarget, IGrainContext, IInvocationSink
{
    private const int TurnBudget = 64;
    private static readonly SendOrPostCallback s_activate = static state => ((ActivationData)state!).RunActivation();
    private static readonly SendOrPostCallback s_deactivate = static state => ((ActivationData)state!).RunDeactivation();

    private readonly GrainRuntime _runtime;
    private readonly GrainClassInfo? _class;
    private readonly Action<ActivationData> _onDeactivated;
    private readonly Lock _lock = new();
    private object? _instance;
    private WorkQueue _runQueue;
    private Queue<Invokable>? _waiting;
    private Invokable? _inFlightHead;
    private int _inFlightCount;
    private int _backgroundInFlight;
    private bool _scheduled;
    private bool _deactivateOnIdle;
    private int _keepAliveHolds;
    private long _lastActivity;
    private long _keepAliveUntil;
    private List<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;
    private DeactivationReason _deactivationReason;

    public ActivationData(GrainRuntime runtime, GrainId grainId, GrainClassInfo grainClass, Action<ActivationData> onDeactivated)
    {
        _runtime = runtime;
        GrainId = grainId;
        _class = grainClass;
        _onDeactivated = onDeactivated;
        _lastActivity = runtime.Time.GetTimestamp();
    }

    /// <summary>An observer: already valid, never idle-collected, calls run one at a time in order.</summary>
    public ActivationData(GrainRuntime runtime, GrainId grainId, IGrainObserver observer, Action<ActivationData> onDeactivated)
    {
        _runtime = runtime;
        GrainId = grainId;
        _instance = observer;
        _onDeactivated = onDeactivated;
        State = ActivationState.Valid;
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory => _runtime;

    public ActivationState State { get; private set; }

    public bool IsObserver => _class is null;

    public int InFlightCount => Volatile.Read(ref _inFlightCount);

    /// <summary>Requests waiting for admission plus work waiting to run (the mailbox depth).</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return (_waiting?.Count ?? 0) + _runQueue.Count;
            }
        }
    }

    /// <summary>Completes once the activation is gone from the directory and the catalog (not merely marked deactivated).</summary>
    public Task WhenDeactivated
    {
        get
        {
            lock (_lock)
            {
                return (_deactivated ??= NewSignal()).Task;
            }
        }
    }

    private bool IsReentrant => _class?.IsReentrant ?? false;

    public bool TryEnqueue(Invokable invokable)
    {
        bool schedule;
        lock (_lock)
        {
            switch (State)
            {
                case ActivationState.Deactivating or ActivationState.Deactivated:
                    return false;
                case ActivationState.Created:
                    State = ActivationState.Activating;
                    (_waiting ??= new()).Enqueue(invokable);
                    _runQueue.Enqueue(new WorkItem(s_activate, this));
                    schedule = MarkScheduled();
                    break;
                case ActivationState.Activating:
                    (_waiting ??= new()).Enqueue(invokable);
                    schedule = false;
                    break;
                default:
                    if (CanAdmit(invokable, waitingInLine: _waiting is { Count: > 0 }))
                    {
                        Admit(invokable);
                        schedule = MarkScheduled();
                    }
                    else
                    {
                        (_waiting ??= new()).Enqueue(invokable);
                        schedule = false;
                    }

                    break;
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    public void OnInvokeCompleted(Invokable invokable, Exception? error)
    {
        invokable.CancellationRegistration.Dispose();
        _runtime.Metrics.RecordCallCompleted(_runtime.Time, invokable.StartTimestamp);
        if (error is not null && invokable.CallerTask is null)
        {
            _runtime.Logger.OneWayCallFailed(GrainId, invokable.GetDescriptor().MethodName, error);
        }

        bool schedule = false;
        lock (_lock)
        {
            Unlink(invokable);
            if (!invokable.IsBackground)
            {
                _lastActivity = invokable.StartTimestamp;
            }

            if (State == ActivationState.Valid)
            {
                schedule |= AdmitWaiting();
                if (_inFlightCount == 0 && _deactivateOnIdle)
                {
                    BeginDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));
                }
            }

            if (State == ActivationState.Deactivating && _inFlightCount == 0)
            {
                _runQueue.Enqueue(new WorkItem(s_deactivate, this));
                schedule |= MarkScheduled();
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var budget = TurnBudget; ; budget--)
            {
                WorkItem item;
                lock (_lock)
                {
                    if (budget == 0 && _runQueue.Count > 0)
                    {
                        // Yield the thread so one busy grain cannot starve the others; stay scheduled.
                        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                        return;
                    }

                    if (!_runQueue.TryDequeue(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                Run(item);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            _runQueue.Enqueue(new WorkItem(d, state));
            schedule = MarkScheduled();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    private void Run(WorkItem item)
    {
        if (item.Callback is Invokable invokable)
        {
            if (invokable.CallerTask is { IsCompleted: true })
            {
                // Timed out or cancelled while queued: the caller has gone, do not run it.
                OnInvokeCompleted(invokable, null);
                return;
            }

            invokable.Invoke(_instance!);
            return;
        }

        try
        {
            ((SendOrPostCallback)item.Callback)(item.State);
        }
#pragma warning disable CA1031 // A failing continuation must not take the scheduler down.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _runtime.Logger.ContinuationFailed(GrainId, exception);
        }
    }

    private bool MarkScheduled()
    {
        if (_scheduled)
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    private bool CanAdmit(Invokable invokable, bool waitingInLine) =>
        IsReentrant
        || (invokable.GetDescriptor().Options & InvokeOptions.AlwaysInterleave) != 0
        || (_inFlightCount == 0 && !waitingInLine);

    private void Admit(Invokable invokable)
    {
        invokable.Sink = this;
        invokable.Previous = null;
        invokable.Next = _inFlightHead;
        if (_inFlightHead is not null)
        {
            _inFlightHead.Previous = invokable;
        }

        _inFlightHead = invokable;
        _inFlightCount++;
        _backgroundInFlight += invokable.IsBackground ? 1 : 0;
        _runQueue.Enqueue(new WorkItem(invokable, null));
    }

    private void Unlink(Invokable invokable)
    {
        if (invokable.Previous is not null)
        {
            invokable.Previous.Next = invokable.Next;
        }
        else if (_inFlightHead == invokable)
        {
            _inFlightHead = invokable.Next;
        }

        if (invokable.Next is not null)
        {
            invokable.Next.Previous = invokable.Previous;
        }

        invokable.Next = invokable.Previous = null;
        _inFlightCount--;
        _backgroundInFlight -= invokable.IsBackground ? 1 : 0;
    }

    /// <summary>Admits waiting requests in order while the turn rules allow; true if work was queued and the drain must be scheduled.</summary>
    private bool AdmitWaiting()
    {
        var admitted = false;
        while (_waiting is { Count: > 0 } && CanAdmit(_waiting.Peek(), waitingInLine: false))
        {
            Admit(_waiting.Dequeue());
            admitted = true;
        }

        return admitted && MarkScheduled();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
