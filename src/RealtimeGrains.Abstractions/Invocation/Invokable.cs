using System.Text.Json.Serialization;

namespace RealtimeGrains.Invocation;

/// <summary>
/// One call of a grain method: its arguments (public properties <c>Arg0</c>, <c>Arg1</c>, ... which
/// must serialize with System.Text.Json) and the code that runs it on the target. The source generator
/// emits one subclass per grain interface method; application code does not use this type.
/// </summary>
public abstract class Invokable
{
    /// <summary>The caller's cancellation token, passed to the grain method (not serialized).</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; set; }

    // Runtime bookkeeping: the in-flight list of the activation, call start and timeout, completion sink.
    internal Invokable? Next;
    internal Invokable? Previous;
    internal long StartTimestamp;
    internal TimeSpan Timeout;
    internal IInvocationSink? Sink;
    internal bool IsBackground;
    internal CancellationTokenRegistration CancellationRegistration;

    /// <summary>The method this invocation calls.</summary>
    /// <returns>The shared descriptor of the method.</returns>
    public abstract GrainMethodDescriptor GetDescriptor();

    /// <summary>Runs the method on <paramref name="target"/> and reports its outcome.</summary>
    /// <param name="target">The grain or observer object.</param>
    public void Invoke(object target)
    {
        try
        {
            InvokeCore(target);
        }
#pragma warning disable CA1031 // Any exception of a grain method belongs to its caller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Fail(exception);
        }
    }

    /// <summary>Calls the method on <paramref name="target"/> and passes its task to a <c>Complete</c> helper.</summary>
    /// <param name="target">The grain or observer object.</param>
    protected abstract void InvokeCore(object target);

    /// <summary>Reports a failure of the method.</summary>
    /// <param name="exception">The exception.</param>
    protected abstract void Fail(Exception exception);

    internal abstract Type ResultType { get; }

    internal abstract Task? CallerTask { get; }

    internal abstract Task CreateCallerTask();

    internal abstract bool TrySetException(Exception exception);

    internal abstract bool TrySetCanceled(CancellationToken cancellationToken);

    internal abstract bool TrySetBoxedResult(object? value);

    internal abstract object? GetBoxedResult();
}
