namespace RealtimeGrains.Protocol;

/// <summary>An event the server sends to a client (section 5 of the protocol reference).</summary>
public abstract class ServerEvent : RealtimeEvent
{
}
