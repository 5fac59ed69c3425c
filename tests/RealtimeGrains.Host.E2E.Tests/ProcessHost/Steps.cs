namespace RealtimeGrains.Host.E2E.Tests.ProcessHost;

/// <summary>Awaits a test step with a deadline; a hang fails with a message naming the step (a copy of the TestKit's <c>Deadline</c>).</summary>
internal static class Steps
{
    public static async Task Within(this Task task, string what, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
        }
    }

    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan timeout)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
        }
    }
}
