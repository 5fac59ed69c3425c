using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tests.Tools;

/// <summary>A tool that answers only when the test opens <see cref="Gate"/> (or its call is cancelled): it always outlives its 300 ms timeout.</summary>
[StatelessWorker]
public sealed class SlowTool : Grain, ISlowTool
{
    public static TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ToolResult> InvokeAsync(ToolCall toolCall, CancellationToken cancellationToken = default)
    {
        var cancelled = new TaskCompletionSource();
        using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            await Task.WhenAny(Gate.Task, cancelled.Task);
        }

        return ToolResult.Success("{\"late\":true}");
    }
}
