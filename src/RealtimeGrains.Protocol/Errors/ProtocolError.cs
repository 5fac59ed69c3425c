namespace RealtimeGrains.Protocol;

/// <summary>
/// The <c>error</c> object of an <c>error</c> server event (section 11), also what a failed parse returns:
/// send it back with <see cref="ErrorEvent.From(ProtocolError)"/>.
/// </summary>
public sealed class ProtocolError : ProtocolObject
{
    /// <summary><c>invalid_request_error</c>, <c>server_error</c>, …</summary>
    public string? Type { get; set; }

    /// <summary>Machine-readable code (see <see cref="ProtocolErrorCodes"/>); may be null.</summary>
    public string? Code { get; set; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; set; }

    /// <summary>The offending parameter path, e.g. <c>session.type</c>.</summary>
    public string? Param { get; set; }

    /// <summary>The client <c>event_id</c> that caused the error.</summary>
    public string? EventId { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Code}: {Message} (param {Param ?? "-"}, event {EventId ?? "-"})";
}
