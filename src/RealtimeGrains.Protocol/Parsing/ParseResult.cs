using System.Diagnostics.CodeAnalysis;

namespace RealtimeGrains.Protocol;

/// <summary>
/// The outcome of parsing one frame: the event, or a <see cref="ProtocolError"/> ready to send back as an
/// <c>error</c> event. Never an exception.
/// </summary>
/// <typeparam name="TEvent"><see cref="ClientEvent"/> or <see cref="ServerEvent"/>.</typeparam>
public readonly struct ParseResult<TEvent>
    where TEvent : RealtimeEvent
{
    private readonly IReadOnlyList<string>? _unknownFields;

    internal ParseResult(TEvent parsed, IReadOnlyList<string>? unknownFields)
    {
        Event = parsed;
        _unknownFields = unknownFields;
    }

    internal ParseResult(ProtocolError error) => Error = error;

    /// <summary>The parsed event (on success).</summary>
    public TEvent? Event { get; }

    /// <summary>The error (on failure), with the client's <c>event_id</c> when it could be read.</summary>
    public ProtocolError? Error { get; }

    /// <summary>True when <see cref="Event"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Event is not null;

    /// <summary>
    /// Wire paths of fields this library does not know (e.g. <c>session.foo</c>, <c>item.content[0].bar</c>). They are kept
    /// in the event and written back unchanged; a strict server answers the first with <see cref="UnknownParameterError"/>.
    /// </summary>
    public IReadOnlyList<string> UnknownFields => _unknownFields ?? [];

    /// <summary>An <c>unknown_parameter</c> error for the first unknown field, or null when there is none.</summary>
    public ProtocolError? UnknownParameterError =>
        UnknownFields.Count > 0 ? ProtocolErrors.UnknownParameter(UnknownFields[0], Event?.EventId) : null;
}
