namespace RealtimeGrains.Protocol;

/// <summary><c>session.close</c>: GA (Azure): closes the session.</summary>
public sealed class SessionCloseEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.SessionClose;
}
