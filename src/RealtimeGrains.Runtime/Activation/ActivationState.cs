namespace RealtimeGrains.Runtime.Activation;

/// <summary>The life cycle of an activation.</summary>
internal enum ActivationState
{
    /// <summary>Created in the catalog; no grain yet. The first request starts activation.</summary>
    Created,

    /// <summary>Constructing the grain, reading its state and running OnActivateAsync; requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Finishing running requests, then OnDeactivateAsync; new requests go to the next activation.</summary>
    Deactivating,

    /// <summary>Gone; references re-resolve.</summary>
    Deactivated,
}
