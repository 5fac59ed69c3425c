namespace RealtimeGrains.TestKit;

/// <summary>Awaits with a deadline so a hang fails fast and says what was awaited.</summary>
public static class Deadline
{
    /// <summary>
    /// The default deadline of a test step: it catches hangs, it does not time anything, so it is generous enough for a
    /// 2-core CI machine running several test hosts and a browser at once.
    /// </summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> in the message after the deadline.</summary>
    /// <param name="task">The awaited step.</param>
    /// <param name="what">What the step waits for.</param>
    /// <param name="timeout">The deadline (default 30 s).</param>
    /// <returns>A task that completes with the step.</returns>
    public static async Task Within(this Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out waiting for: {what}");
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing with <paramref name="what"/> in the message after the deadline.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The awaited step.</param>
    /// <param name="what">What the step waits for.</param>
    /// <param name="timeout">The deadline (default 30 s).</param>
    /// <returns>The result.</returns>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out waiting for: {what}");
        }
    }
}
