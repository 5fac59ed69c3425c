using System.Collections.Concurrent;
using System.Text.Json;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tests.Tools;

/// <summary>A tool that answers only when the test opens the gate of its <c>topic</c> (or its call is cancelled at the timeout).</summary>
[Reentrant] // one grain per session; reentrant so concurrent calls of the tests do not queue (and a cancel reaches the running call)
public sealed class SlowTool : Grain, ISlowTool
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> s_invoked = new();

    /// <summary>Lets calls about <paramref name="topic"/> answer.</summary>
    public static void Open(string topic) => Signal(s_gates, topic).TrySetResult();

    /// <summary>Completes when a call about <paramref name="topic"/> has started.</summary>
    public static Task InvokedAsync(string topic) => Signal(s_invoked, topic).Task;

    public async Task<ToolResult> InvokeAsync(ToolCall toolCall, CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(toolCall.Arguments);
        var topic = document.RootElement.GetProperty("topic").GetString()!;
        Signal(s_invoked, topic).TrySetResult();
        var cancelled = new TaskCompletionSource();
        using (cancellationToken.Register(() => cancelled.TrySetResult()))
        {
            await Task.WhenAny(Signal(s_gates, topic).Task, cancelled.Task);
        }

        return ToolResult.Success($"{{\"topic\":\"{topic}\",\"answer\":\"found it\"}}");
    }

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> map, string topic) =>
        map.GetOrAdd(topic, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
