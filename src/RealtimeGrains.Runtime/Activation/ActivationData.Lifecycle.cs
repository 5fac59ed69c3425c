using RealtimeGrains.Invocation;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Directory;
using RealtimeGrains.Runtime.Persistence;
using RealtimeGrains.Runtime.Timers;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>Activation, deactivation, idle collection and call timeouts of one activation.</summary>
internal sealed partial class ActivationData
{
    /// <summary>Set for stateless workers: they are not registered in the grain directory.</summary>
    public bool IsStatelessWorker { get; init; }

    private static long s_nextActivationId;

    private readonly long _activationId = Interlocked.Increment(ref s_nextActivationId);

    private GrainAddress Address => new(GrainId, _runtime.SiloAddress, _activationId);

    /// <summary>Starts deactivation (after running requests finish); completes when the activation is gone.</summary>
    public Task StartDeactivation(DeactivationReason reason)
    {
        bool schedule = false, finishNow = false;
        Task completion;
        lock (_lock)
        {
            if (State == ActivationState.Deactivated)
            {
                return (_deactivated ??= NewSignal()).Task;
            }

            if (State == ActivationState.Created)
            {
                State = ActivationState.Deactivated;
                finishNow = true;
            }
            else if (State != ActivationState.Deactivating)
            {
                var wasActivating = State == ActivationState.Activating;
                BeginDeactivation(reason);
                if (!wasActivating && _inFlightCount == 0)
                {
                    _runQueue.Enqueue(new(s_deactivate, this));
                    schedule = MarkScheduled();
                }
            }

            completion = (_deactivated ??= NewSignal()).Task;
        }

        if (finishNow)
        {
            _onDeactivated(this);
            _deactivated!.TrySetResult();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return completion;
    }

    /// <summary>Deactivates the activation if it has been idle for <paramref name="age"/>; true if it started.</summary>
    public bool TryCollectIdle(long now, TimeSpan age)
    {
        lock (_lock)
        {
            // Background work (timer ticks without keep-alive, handed-in turns) does not keep the grain;
            // deactivation waits for it to finish.
            if (State != ActivationState.Valid || IsObserver || _inFlightCount > _backgroundInFlight || _waiting is { Count: > 0 }
                || _keepAliveHolds > 0 || now < _keepAliveUntil || _runtime.Time.GetElapsedTime(_lastActivity, now) < age)
            {
                return false;
            }
        }

        StartDeactivation(new DeactivationReason(DeactivationReasonCode.IdleCollection, $"Idle for more than {age}."));
        return true;
    }

    /// <summary>Fails the callers of requests that have waited or run longer than their timeout.</summary>
    public void SweepTimeouts(long now)
    {
        if (Volatile.Read(ref _inFlightCount) == 0 && Volatile.Read(ref _waiting) is null or { Count: 0 })
        {
            return;
        }

        List<Invokable>? expired = null;
        lock (_lock)
        {
            for (var invokable = _inFlightHead; invokable is not null; invokable = invokable.Next)
            {
                AddIfExpired(invokable, now, ref expired);
            }

            foreach (var invokable in _waiting ?? [])
            {
                AddIfExpired(invokable, now, ref expired);
            }
        }

        foreach (var invokable in expired ?? [])
        {
            var descriptor = invokable.GetDescriptor();
            if (invokable.TrySetException(new TimeoutException(
                $"{descriptor.InterfaceType.Name}.{descriptor.MethodName} on grain {GrainId} did not respond within {invokable.Timeout}.")))
            {
                _runtime.Metrics.CallTimedOut();
                _runtime.Logger.CallTimedOut(GrainId, descriptor.MethodName, invokable.Timeout);
            }
        }
    }

    private void AddIfExpired(Invokable invokable, long now, ref List<Invokable>? expired)
    {
        if (invokable.Timeout != Timeout.InfiniteTimeSpan && invokable.CallerTask is { IsCompleted: false }
            && _runtime.Time.GetElapsedTime(invokable.StartTimestamp, now) >= invokable.Timeout)
        {
            (expired ??= []).Add(invokable);
        }
    }

    private void BeginDeactivation(DeactivationReason reason)
    {
        State = ActivationState.Deactivating;
        _deactivationReason = reason;
        _deactivated ??= NewSignal();
    }

    private void RunActivation() => _ = ActivateAsync();

    private async Task ActivateAsync()
    {
        try
        {
            if (!IsStatelessWorker)
            {
                var registered = await _runtime.Directory.RegisterAsync(Address);
                if (registered != Address)
                {
                    throw new InvalidOperationException($"Grain {GrainId} is already active at {registered.Silo}.");
                }
            }

            var states = new object[_class!.StateSlots.Count];
            for (var i = 0; i < states.Length; i++)
            {
                var slot = _class.StateSlots[i];
                states[i] = slot.Create(slot.StateName, GrainId, _runtime.GetStorage(slot.StorageName, _class.GrainClass), _runtime.JsonOptions);
            }

            var previous = GrainContextSlot.Activating;
            GrainContextSlot.Activating = this;
            Grain grain;
            try
            {
                grain = _class.Create(_runtime.Services, states);
            }
            finally
            {
                GrainContextSlot.Activating = previous;
            }

            grain.GrainContext = this;
            _instance = grain;
            foreach (var state in states)
            {
                await ((IStateLoader)state).ReadStateAsync();
            }

            using var timeout = new CancellationTokenSource(_runtime.Options.ResponseTimeout, _runtime.Time);
            await grain.OnActivateAsync(timeout.Token);
        }
#pragma warning disable CA1031 // The failure goes to every waiting caller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _runtime.Logger.ActivationFailed(GrainId, exception);
            _instance = null;
            await FinishDeactivationAsync(exception);
            return;
        }

        var schedule = false;
        lock (_lock)
        {
            if (State == ActivationState.Activating)
            {
                State = ActivationState.Valid;
                schedule = AdmitWaiting();
            }
            else if (State == ActivationState.Deactivating && _inFlightCount == 0)
            {
                _runQueue.Enqueue(new(s_deactivate, this));
                schedule = MarkScheduled();
            }
        }

        _runtime.Logger.Activated(GrainId);
        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void RunDeactivation() => _ = DeactivateAsync();

    private async Task DeactivateAsync()
    {
        List<GrainTimer>? timers;
        lock (_lock)
        {
            timers = _timers;
            _timers = null;
        }

        foreach (var timer in timers ?? [])
        {
            timer.Stop();
        }

        if (_instance is Grain grain)
        {
            using var deadline = new CancellationTokenSource(_runtime.Options.DeactivationTimeout, _runtime.Time);
            try
            {
                await grain.OnDeactivateAsync(_deactivationReason, deadline.Token);
            }
#pragma warning disable CA1031 // A failing OnDeactivateAsync must not keep the activation alive.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _runtime.Logger.DeactivationFailed(GrainId, exception);
            }
        }

        await FinishDeactivationAsync(null);
    }

    private async Task FinishDeactivationAsync(Exception? failure)
    {
        Invokable[] waiting;
        TaskCompletionSource signal;
        lock (_lock)
        {
            State = ActivationState.Deactivated;
            waiting = _waiting?.ToArray() ?? [];
            _waiting = null;
            signal = _deactivated ??= NewSignal();
        }

        if (!IsStatelessWorker && !IsObserver)
        {
            try
            {
                await _runtime.Directory.UnregisterAsync(Address);
            }
#pragma warning disable CA1031 // The directory entry of a gone activation is the directory's to clean up.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _runtime.Logger.DirectoryUnregisterFailed(GrainId, exception);
            }
        }

        _onDeactivated(this);
        if (failure is null)
        {
            _runtime.Logger.Deactivated(GrainId, _deactivationReason.ReasonCode);
        }

        signal.TrySetResult();
        foreach (var invokable in waiting)
        {
            if (failure is not null || invokable.IsBackground || invokable.GetDescriptor().MethodId < 0)
            {
                var error = failure ?? new InvalidOperationException($"Grain {GrainId} deactivated before the work ran.");
                invokable.CancellationRegistration.Dispose();
                if (!invokable.TrySetException(error) && invokable.CallerTask is null && failure is not null)
                {
                    _runtime.Logger.OneWayCallFailed(GrainId, invokable.GetDescriptor().MethodName, error);
                }
            }
            else
            {
                _runtime.Redeliver(GrainId, invokable);
            }
        }
    }

    public void DeactivateOnIdle()
    {
        bool idleNow;
        lock (_lock)
        {
            _deactivateOnIdle = true;
            idleNow = _inFlightCount == 0;
        }

        if (idleNow)
        {
            _ = StartDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var until = _runtime.Time.GetTimestamp() + (long)(timeSpan.TotalSeconds * _runtime.Time.TimestampFrequency);
        lock (_lock)
        {
            _keepAliveUntil = Math.Max(_keepAliveUntil, until);
        }
    }

    public IDisposable HoldKeepAlive()
    {
        lock (_lock)
        {
            _keepAliveHolds++;
        }

        return new KeepAliveHold(this);
    }

    internal void ReleaseKeepAlive()
    {
        lock (_lock)
        {
            _keepAliveHolds--;
            _lastActivity = _runtime.Time.GetTimestamp();
        }
    }

    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, _runtime, callback, options);
        lock (_lock)
        {
            if (State is ActivationState.Deactivating or ActivationState.Deactivated)
            {
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; no timer can be registered.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    public Task RunAsTurnAsync(Func<Task> work, bool interleave = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var invokable = new DelegateInvokable(work, interleave)
        {
            IsBackground = true,
            Timeout = Timeout.InfiniteTimeSpan,
            StartTimestamp = _runtime.Time.GetTimestamp(),
        };
        var task = invokable.GetCallerTask();
        if (cancellationToken.CanBeCanceled)
        {
            invokable.CancellationRegistration = cancellationToken.Register(
                static (state, token) => ((Invokable)state!).TrySetCanceled(token), invokable);
        }

        if (!TryEnqueue(invokable))
        {
            invokable.CancellationRegistration.Dispose();
            throw new InvalidOperationException($"Grain {GrainId} is deactivating; the turn was not queued.");
        }

        return task;
    }

    /// <summary>Ends an observer: later calls fail with <see cref="ObserverNotAvailableException"/>.</summary>
    public void DeleteObserver() => _ = FinishDeactivationAsync(new ObserverNotAvailableException($"Observer {GrainId} was deleted."));
}
