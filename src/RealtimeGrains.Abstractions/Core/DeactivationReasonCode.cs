namespace RealtimeGrains;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>No reason given.</summary>
    None = 0,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested = 1,

    /// <summary>The grain was idle for longer than the collection age.</summary>
    IdleCollection = 2,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown = 3,

    /// <summary>Activation failed (the constructor or <see cref="Grain.OnActivateAsync"/> threw).</summary>
    ActivationFailed = 4,
}
