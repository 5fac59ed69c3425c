namespace RealtimeGrains.Protocol;

/// <summary>An event a client sends to the server (section 4 of the protocol reference).</summary>
public abstract class ClientEvent : RealtimeEvent
{
    /// <summary>
    /// The wire path of the first required parameter that is missing (e.g. <c>item_id</c>), or null when
    /// the event is complete. The parser turns it into a <c>missing_required_parameter</c> error.
    /// </summary>
    internal virtual string? FindMissingRequiredParameter(ProtocolDialect dialect) => null;
}
