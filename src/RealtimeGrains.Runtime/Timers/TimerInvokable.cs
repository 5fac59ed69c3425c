using RealtimeGrains.Invocation;

namespace RealtimeGrains.Runtime.Timers;

/// <summary>One tick of a grain timer, queued to the activation like a request.</summary>
internal sealed class TimerInvokable(Func<CancellationToken, Task> callback, bool interleave, CancellationToken stopping) : Invokable<object>
{
    private static readonly GrainMethodDescriptor s_queued = new(typeof(IGrainTimer), -1, "TimerTick", InvokeOptions.None, null);
    private static readonly GrainMethodDescriptor s_interleaved = new(typeof(IGrainTimer), -1, "TimerTick", InvokeOptions.AlwaysInterleave, null);

    public override GrainMethodDescriptor GetDescriptor() => interleave ? s_interleaved : s_queued;

    protected override void InvokeCore(object target) => Complete(callback(stopping));
}
