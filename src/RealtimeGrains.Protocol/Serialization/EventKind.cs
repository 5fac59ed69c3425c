namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Direction of an event.</summary>
internal enum EventKind
{
    Client,
    Server,
}
