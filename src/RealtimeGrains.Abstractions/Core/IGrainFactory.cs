namespace RealtimeGrains;

/// <summary>Creates typed references to grains and observers. References are cheap; creating one activates nothing.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain with the given string key.</summary>
    /// <typeparam name="TGrainInterface">The grain interface.</typeparam>
    /// <param name="key">The grain key.</param>
    /// <returns>A reference; the grain activates on its first call.</returns>
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>Returns a reference to the grain with the given Guid key.</summary>
    /// <typeparam name="TGrainInterface">The grain interface.</typeparam>
    /// <param name="key">The grain key.</param>
    /// <returns>A reference; the grain activates on its first call.</returns>
    TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>
    /// Makes a reference through which grains call <paramref name="observer"/>. Calls to it run one at a
    /// time in order. The reference stays valid until <see cref="DeleteObjectReference{TObserver}"/>.
    /// </summary>
    /// <typeparam name="TObserver">The observer interface.</typeparam>
    /// <param name="observer">The local object that receives the calls.</param>
    /// <returns>A reference that can be passed to grains.</returns>
    TObserver CreateObjectReference<TObserver>(IGrainObserver observer)
        where TObserver : IGrainObserver;

    /// <summary>Invalidates an observer reference; later calls through it fail with <see cref="ObserverNotAvailableException"/>.</summary>
    /// <typeparam name="TObserver">The observer interface.</typeparam>
    /// <param name="reference">A reference made by <see cref="CreateObjectReference{TObserver}"/>.</param>
    void DeleteObjectReference<TObserver>(IGrainObserver reference)
        where TObserver : IGrainObserver;
}
