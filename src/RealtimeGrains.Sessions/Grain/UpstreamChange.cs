namespace RealtimeGrains.Sessions;

/// <summary>Why the session grain opens a new upstream session.</summary>
internal enum UpstreamChange
{
    /// <summary>A new activation (first use or resume).</summary>
    Activation,

    /// <summary>The upstream session nears its time limit.</summary>
    Rollover,

    /// <summary>The upstream socket dropped or the service ended the session.</summary>
    Reconnect,

    /// <summary>A WebRTC call started: the grain moves onto the call's sideband.</summary>
    Call,
}
