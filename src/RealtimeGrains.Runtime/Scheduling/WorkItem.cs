namespace RealtimeGrains.Runtime.Scheduling;

/// <summary>
/// One entry of an activation's run queue: an admitted request (<see cref="Invocation.Invokable"/>) or a
/// continuation posted to the activation's synchronization context (a callback and its state).
/// </summary>
internal readonly record struct WorkItem(object Callback, object? State);
