using System.Collections.Concurrent;
using RealtimeGrains.Runtime.Messaging;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>
/// The activations of this silo by grain id. <see cref="GetOrCreate"/> is where exactly-one-activation
/// is decided: concurrent first calls race on one dictionary slot and all get the winner, whose grain
/// is created by its first turn (losers never start).
/// </summary>
internal sealed class Catalog(GrainRuntime runtime, GrainClassMap classMap)
{
    public const string ObserverGrainType = "observer";

    private readonly ConcurrentDictionary<GrainId, ICallTarget> _targets = new();

    public ICallTarget GetOrCreate(GrainId grainId, Type interfaceType)
    {
        if (_targets.TryGetValue(grainId, out var target))
        {
            return target;
        }

        if (grainId.Type == ObserverGrainType)
        {
            throw new ObserverNotAvailableException($"Observer {grainId} is not available (deleted, or its connection is gone).");
        }

        runtime.ThrowIfStopping(grainId);
        var grainClass = classMap.Get(interfaceType);
        var silo = runtime.Placement.PlaceGrain(grainId, runtime.SiloAddress);
        if (silo != runtime.SiloAddress)
        {
            throw new NotSupportedException($"Grain {grainId} was placed on {silo}; remote activation needs the cluster transport.");
        }

        return _targets.GetOrAdd(
            grainId,
            static (id, state) => state.grainClass.MaxLocalWorkers > 0
                ? new StatelessWorkerGroup(state.runtime, id, state.grainClass)
                : new ActivationData(state.runtime, id, state.grainClass, state.catalog.Remove),
            (runtime, grainClass, catalog: this));
    }

    public ActivationData AddObserver(IGrainObserver observer)
    {
        var grainId = new GrainId(ObserverGrainType, Guid.NewGuid().ToString("N"));
        var activation = new ActivationData(runtime, grainId, observer, Remove);
        _targets[grainId] = activation;
        return activation;
    }

    public void DeleteObserver(GrainId grainId)
    {
        if (_targets.TryRemove(grainId, out var target) && target is ActivationData activation)
        {
            activation.DeleteObserver();
        }
    }

    public bool TryGet(GrainId grainId, out ICallTarget? target) => _targets.TryGetValue(grainId, out target);

    public IEnumerable<ActivationData> Activations
    {
        get
        {
            foreach (var target in _targets.Values)
            {
                if (target is ActivationData activation)
                {
                    yield return activation;
                }
                else if (target is StatelessWorkerGroup group)
                {
                    foreach (var worker in group.Workers)
                    {
                        yield return worker;
                    }
                }
            }
        }
    }

    private void Remove(ActivationData activation) =>
        _targets.TryRemove(new KeyValuePair<GrainId, ICallTarget>(activation.GrainId, activation));
}
