namespace RealtimeGrains.Runtime.Messaging;

/// <summary>What a <see cref="Message"/> carries.</summary>
public enum MessageKind
{
    /// <summary>A call: the target grain, the method and its serialized arguments.</summary>
    Request = 0,

    /// <summary>The outcome of a call: its serialized result, or an <see cref="ExceptionInfo"/> when <see cref="Message.IsError"/>.</summary>
    Response = 1,
}
