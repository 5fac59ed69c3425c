namespace RealtimeGrains.Invocation;

/// <summary>An invocation whose method produces <typeparamref name="TResult"/> (<see cref="object"/> for methods without a result).</summary>
/// <typeparam name="TResult">The result type.</typeparam>
public abstract class Invokable<TResult> : Invokable
{
    private TaskCompletionSource<TResult>? _completion;

    internal override Type ResultType => typeof(TResult);

    internal override Task? CallerTask => _completion?.Task;

    internal override Task CreateCallerTask() => GetCallerTask();

    internal Task<TResult> GetCallerTask() =>
        (_completion ??= new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Completes the invocation from the method's task.</summary>
    /// <param name="task">The task the grain method returned.</param>
    protected void Complete(Task<TResult> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            Succeed(task.Result);
        }
        else
        {
            CompleteWhenFinished(task);
        }
    }

    /// <summary>Completes the invocation from the method's task.</summary>
    /// <param name="task">The task the grain method returned.</param>
    protected void Complete(ValueTask<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(task.Result);
        }
        else
        {
            Complete(task.AsTask());
        }
    }

    /// <summary>Completes a method without a result from its task.</summary>
    /// <param name="task">The task the grain method returned.</param>
    protected void Complete(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            Succeed(default!);
        }
        else
        {
            CompleteWhenFinished(task);
        }
    }

    /// <summary>Completes a method without a result from its task.</summary>
    /// <param name="task">The task the grain method returned.</param>
    protected void Complete(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(default!);
        }
        else
        {
            Complete(task.AsTask());
        }
    }

    /// <inheritdoc />
    protected override void Fail(Exception exception)
    {
        // The activation's bookkeeping goes first, so the caller resumes after the grain is ready for the next call.
        Sink?.OnInvokeCompleted(this, exception);
        _completion?.TrySetException(exception);
    }

    private void Succeed(TResult result)
    {
        Sink?.OnInvokeCompleted(this, null);
        _completion?.TrySetResult(result);
    }

    private void CompleteWhenFinished(Task task) =>
        task.ContinueWith(
            static (t, state) => ((Invokable<TResult>)state!).CompleteFinished(t),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void CompleteFinished(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(task is Task<TResult> typed ? typed.Result : default!);
        }
        else if (task.IsCanceled)
        {
            Fail(new TaskCanceledException(task));
        }
        else
        {
            var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            Fail(exception);
        }
    }

    internal override bool TrySetException(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override bool TrySetCanceled(CancellationToken cancellationToken) => _completion?.TrySetCanceled(cancellationToken) ?? false;

    internal override bool TrySetBoxedResult(object? value) => _completion?.TrySetResult((TResult)value!) ?? false;

    internal override object? GetBoxedResult() => _completion!.Task.Result;
}
