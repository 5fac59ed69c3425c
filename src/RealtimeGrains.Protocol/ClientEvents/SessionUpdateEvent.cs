namespace RealtimeGrains.Protocol;

/// <summary><c>session.update</c>: Updates the session configuration (partial; see <see cref="SessionConfig"/>). A beta <c>transcription_session.update</c> reads as this event with <c>session.type = "transcription"</c> and is written back under that name.</summary>
public sealed class SessionUpdateEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.SessionUpdate;

    /// <summary>The partial session configuration.</summary>
    public SessionConfig? Session { get; set; }

    internal override string? FindMissingRequiredParameter(ProtocolDialect dialect) =>
        Session is null ? "session"
        : null;
}
