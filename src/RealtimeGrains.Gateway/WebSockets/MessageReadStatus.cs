namespace RealtimeGrains.Gateway;

/// <summary>What <see cref="WebSocketMessageReader"/> read.</summary>
internal enum MessageReadStatus
{
    /// <summary>A whole text message is in the buffer.</summary>
    Message,

    /// <summary>The message exceeded the limit; it was drained and dropped, the socket is still usable.</summary>
    TooLarge,

    /// <summary>A binary message (the protocol is JSON text); dropped.</summary>
    Binary,

    /// <summary>The peer closed the socket.</summary>
    Closed,
}
