namespace RealtimeGrains.Invocation;

/// <summary>Sends invocations made by grain references (implemented by the runtime, used by generated proxies).</summary>
public interface IGrainCallRuntime
{
    /// <summary>Sends a request and returns the task of its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="reference">The reference called.</param>
    /// <param name="invokable">The invocation.</param>
    /// <returns>The result.</returns>
    Task<TResult> InvokeAsync<TResult>(GrainReference reference, Invokable<TResult> invokable);

    /// <summary>Sends a one-way call; the task completes once it is queued, or fails if the target cannot be reached.</summary>
    /// <param name="reference">The reference called.</param>
    /// <param name="invokable">The invocation.</param>
    /// <returns>A task that completes once the call is queued.</returns>
    Task InvokeOneWayAsync(GrainReference reference, Invokable invokable);
}
