namespace RealtimeGrains.Protocol;

/// <summary>Factories for the protocol errors a server sends back, with the real service's wording.</summary>
public static class ProtocolErrors
{
    /// <summary>Creates an <c>invalid_request_error</c>. Null <paramref name="code"/>/<paramref name="param"/>/<paramref name="eventId"/> are written as explicit nulls, like the real service.</summary>
    /// <param name="code">Error code.</param>
    /// <param name="message">Message text.</param>
    /// <param name="param">Offending parameter path.</param>
    /// <param name="eventId">The client event id.</param>
    /// <param name="type">Error type (default <c>invalid_request_error</c>).</param>
    public static ProtocolError Create(string? code, string message, string? param = null, string? eventId = null, string type = ProtocolErrorCodes.InvalidRequestError)
    {
        var error = new ProtocolError { Type = type, Code = code, Message = message, Param = param, EventId = eventId };
        foreach (var (name, value) in new[] { ("code", code), ("param", param), ("event_id", eventId) })
        {
            if (value is null)
            {
                error.SetExplicitNull(name);
            }
        }

        return error;
    }

    /// <summary><c>unknown_parameter</c>: "Unknown parameter: 'session.foo'."</summary>
    /// <param name="path">Wire path of the field.</param>
    /// <param name="eventId">The client event id.</param>
    public static ProtocolError UnknownParameter(string path, string? eventId = null) =>
        Create(ProtocolErrorCodes.UnknownParameter, $"Unknown parameter: '{path}'.", path, eventId);

    /// <summary><c>missing_required_parameter</c>: "Missing required parameter: 'session.type'."</summary>
    /// <param name="path">Wire path of the field.</param>
    /// <param name="eventId">The client event id.</param>
    public static ProtocolError MissingRequiredParameter(string path, string? eventId = null) =>
        Create(ProtocolErrorCodes.MissingRequiredParameter, $"Missing required parameter: '{path}'.", path, eventId);

    /// <summary><c>invalid_value</c> on <c>type</c> for an event type the server does not accept.</summary>
    /// <param name="type">The received type.</param>
    /// <param name="dialect">Dialect (the message lists its client event types).</param>
    /// <param name="eventId">The client event id.</param>
    public static ProtocolError UnknownEventType(string type, ProtocolDialect dialect, string? eventId = null) =>
        Create(
            ProtocolErrorCodes.InvalidValue,
            $"Invalid value: '{(type.Length <= 64 ? type : string.Concat(type.AsSpan(0, 64), "…"))}'. Supported values are: {string.Join(", ", EventNames.ClientEventTypes(dialect).Select(static t => $"'{t}'"))}.",
            "type",
            eventId);

    /// <summary><c>invalid_value</c> with a custom message.</summary>
    /// <param name="param">Offending parameter path.</param>
    /// <param name="message">Message text.</param>
    /// <param name="eventId">The client event id.</param>
    public static ProtocolError InvalidValue(string? param, string message, string? eventId = null) =>
        Create(ProtocolErrorCodes.InvalidValue, message, param, eventId);
}
