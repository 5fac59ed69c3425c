namespace RealtimeGrains.Protocol;

/// <summary><c>error</c>: An error; most are non-fatal and the socket stays open.</summary>
public sealed class ErrorEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.Error;

    /// <summary>The error.</summary>
    public ProtocolError? Error { get; set; }

    /// <summary>An error event carrying <paramref name="error"/> with a new server event id.</summary>
    /// <param name="error">The error, e.g. from a failed parse.</param>
    public static ErrorEvent From(ProtocolError error) => new() { EventId = ProtocolIds.NewEventId(), Error = error };
}
