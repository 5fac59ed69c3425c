using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>Dialect mapping of event names.</summary>
public static partial class EventNames
{
    /// <summary>
    /// The <c>type</c> a writer puts on the wire for <paramref name="realtimeEvent"/> in <paramref name="dialect"/>, or null
    /// when the event has no form there (GA <c>conversation.item.done</c> to a beta peer). Beta transcription sessions use
    /// <c>transcription_session.update/created/updated</c>.
    /// </summary>
    /// <param name="realtimeEvent">The event.</param>
    /// <param name="dialect">Target dialect.</param>
    public static string? WireName(RealtimeEvent realtimeEvent, ProtocolDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(realtimeEvent);
        switch (realtimeEvent)
        {
            case UnknownClientEvent or UnknownServerEvent:
                return realtimeEvent.Type;
            case SessionUpdateEvent { Session.IsTranscription: true } when dialect == ProtocolDialect.Beta:
                return BetaTranscriptionSessionUpdate;
            case SessionCreatedEvent { Session.IsTranscription: true } when dialect == ProtocolDialect.Beta:
                return BetaTranscriptionSessionCreated;
            case SessionUpdatedEvent { Session.IsTranscription: true } when dialect == ProtocolDialect.Beta:
                return BetaTranscriptionSessionUpdated;
        }

        var registration = EventRegistry.Find(realtimeEvent.GetType());
        if (registration is null)
        {
            return realtimeEvent.Type;
        }

        return dialect == ProtocolDialect.Beta ? registration.BetaName : registration.GaName;
    }

    /// <summary>The client event types a server of <paramref name="dialect"/> accepts (sorted).</summary>
    /// <param name="dialect">The dialect.</param>
    public static IReadOnlyList<string> ClientEventTypes(ProtocolDialect dialect) => [.. EventRegistry.Names(dialect, EventKind.Client)];

    /// <summary>The server event types of <paramref name="dialect"/> (sorted).</summary>
    /// <param name="dialect">The dialect.</param>
    public static IReadOnlyList<string> ServerEventTypes(ProtocolDialect dialect) => [.. EventRegistry.Names(dialect, EventKind.Server)];
}
