namespace RealtimeGrains.Protocol;

/// <summary><c>session.updated</c>: The full effective session after an update. A beta <c>transcription_session.updated</c> reads as this event with <c>session.type = "transcription"</c>.</summary>
public sealed class SessionUpdatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.SessionUpdated;

    /// <summary>The full effective session.</summary>
    public SessionConfig? Session { get; set; }
}
