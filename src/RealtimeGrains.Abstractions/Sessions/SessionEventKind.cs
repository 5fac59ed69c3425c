namespace RealtimeGrains.Sessions;

/// <summary>What a <see cref="SessionEvent"/> carries.</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.SessionEventKind")]
public enum SessionEventKind
{
    /// <summary>The conversation so far (<see cref="SessionEvent.Items"/>): the first message an attaching observer gets.</summary>
    Conversation,

    /// <summary>A server event from upstream (<see cref="SessionEvent.Json"/>, GA dialect), forwarded in order.</summary>
    ServerEvent,

    /// <summary>Barge-in: stop playing <see cref="SessionEvent.ItemId"/> now and drop buffered audio.</summary>
    Flush,

    /// <summary>
    /// A change of the upstream link (<see cref="SessionEvent.Type"/>: <c>upstream.ready</c>, <c>upstream.reconnecting</c>,
    /// <c>upstream.rolled_over</c>, <c>upstream.unavailable</c>, <c>call.started</c> and <c>call.ended</c> for a WebRTC call, …).
    /// </summary>
    Status,
}
