namespace RealtimeGrains.LoadGen;

/// <summary>Where a load session is in its conversation.</summary>
internal enum SessionPhase
{
    Connecting,
    Configuring,
    Idle,
    Speaking,
    AwaitingReply,
    Listening,
    Closed,
}
