using RealtimeGrains.Invocation;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>Something a local call can be queued to: one activation, or a group of stateless workers.</summary>
internal interface ICallTarget
{
    /// <summary>Queues the call; false when the target is deactivating or gone (re-resolve after <see cref="WhenDeactivated"/>).</summary>
    bool TryEnqueue(Invokable invokable);

    /// <summary>Completes when the target has finished deactivating.</summary>
    Task WhenDeactivated { get; }
}
