namespace RealtimeGrains.Invocation;

/// <summary>Told by an invocation when the grain method it ran has completed (implemented by the runtime).</summary>
internal interface IInvocationSink
{
    void OnInvokeCompleted(Invokable invokable, Exception? error);
}
