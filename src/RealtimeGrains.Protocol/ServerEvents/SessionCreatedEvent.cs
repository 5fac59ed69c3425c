namespace RealtimeGrains.Protocol;

/// <summary><c>session.created</c>: First server event: the session with its defaults. A beta <c>transcription_session.created</c> reads as this event with <c>session.type = "transcription"</c>.</summary>
public sealed class SessionCreatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.SessionCreated;

    /// <summary>The full session.</summary>
    public SessionConfig? Session { get; set; }
}
