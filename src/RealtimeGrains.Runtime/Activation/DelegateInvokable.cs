using RealtimeGrains.Invocation;

namespace RealtimeGrains.Runtime.Activation;

/// <summary>A piece of work handed into a grain from outside its turns (<see cref="IGrainContext.RunAsTurnAsync"/>).</summary>
internal sealed class DelegateInvokable(Func<Task> work, bool interleave) : Invokable<object>
{
    private static readonly GrainMethodDescriptor s_queued = new(typeof(IGrainContext), -1, nameof(IGrainContext.RunAsTurnAsync), InvokeOptions.None, null);
    private static readonly GrainMethodDescriptor s_interleaved = new(typeof(IGrainContext), -1, nameof(IGrainContext.RunAsTurnAsync), InvokeOptions.AlwaysInterleave, null);

    public override GrainMethodDescriptor GetDescriptor() => interleave ? s_interleaved : s_queued;

    protected override void InvokeCore(object target) => Complete(work());
}
