using RealtimeGrains.Invocation;
using RealtimeGrains.Runtime.Messaging;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>
/// The local activations of one <see cref="StatelessWorkerAttribute"/> grain id. A call goes to an idle
/// worker, or to a new one while under the limit, otherwise round-robin. Workers are collected one by one.
/// </summary>
internal sealed class StatelessWorkerGroup(GrainRuntime runtime, GrainId grainId, GrainClassInfo grainClass) : ICallTarget
{
    private readonly List<ActivationData> _workers = [];
    private readonly Lock _lock = new();
    private int _next;

    public Task WhenDeactivated => Task.CompletedTask;

    public IReadOnlyList<ActivationData> Workers
    {
        get
        {
            lock (_lock)
            {
                return [.. _workers];
            }
        }
    }

    public bool TryEnqueue(Invokable invokable)
    {
        while (true)
        {
            ActivationData worker;
            lock (_lock)
            {
                worker = _workers.Find(static w => w.InFlightCount == 0 && w.State == ActivationState.Valid)
                    ?? (_workers.Count < grainClass.MaxLocalWorkers ? AddWorker() : _workers[_next++ % _workers.Count]);
            }

            if (worker.TryEnqueue(invokable))
            {
                return true;
            }

            lock (_lock)
            {
                _workers.Remove(worker);
            }
        }
    }

    private ActivationData AddWorker()
    {
        runtime.ThrowIfStopping(grainId);
        var worker = new ActivationData(runtime, grainId, grainClass, OnWorkerDeactivated) { IsStatelessWorker = true };
        _workers.Add(worker);
        return worker;
    }

    private void OnWorkerDeactivated(ActivationData worker)
    {
        lock (_lock)
        {
            _workers.Remove(worker);
        }
    }
}
