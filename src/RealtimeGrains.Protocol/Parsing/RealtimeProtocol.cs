using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RealtimeGrains.Protocol.Parsing;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>
/// Reads and writes Realtime events in either dialect. Parsing returns a <see cref="ParseResult{TEvent}"/> and never
/// throws; writing goes to an <see cref="IBufferWriter{T}"/> (or a byte array). Thread-safe.
/// </summary>
public static class RealtimeProtocol
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static readonly ArrayBufferWriter<byte> Parked = new(1);

    /// <summary>Parses a client event (what a server receives).</summary>
    /// <param name="utf8Json">One WebSocket text frame.</param>
    /// <param name="dialect">The connection's dialect.</param>
    /// <param name="limits">Limits; <see cref="ProtocolLimits.Default"/> when null.</param>
    public static ParseResult<ClientEvent> ParseClientEvent(ReadOnlySpan<byte> utf8Json, ProtocolDialect dialect, ProtocolLimits? limits = null)
    {
        var error = Parse(utf8Json, dialect, EventKind.Client, limits ?? ProtocolLimits.Default, out var parsed, out var unknown);
        return error is null ? new ParseResult<ClientEvent>((ClientEvent)parsed!, unknown) : new ParseResult<ClientEvent>(error);
    }

    /// <inheritdoc cref="ParseClientEvent(ReadOnlySpan{byte}, ProtocolDialect, ProtocolLimits?)"/>
    public static ParseResult<ClientEvent> ParseClientEvent(ReadOnlyMemory<byte> utf8Json, ProtocolDialect dialect, ProtocolLimits? limits = null) =>
        ParseClientEvent(utf8Json.Span, dialect, limits);

    /// <summary>Parses a server event (what a client or relay receives).</summary>
    /// <param name="utf8Json">One WebSocket text frame.</param>
    /// <param name="dialect">The connection's dialect.</param>
    /// <param name="limits">Limits; <see cref="ProtocolLimits.Default"/> when null.</param>
    public static ParseResult<ServerEvent> ParseServerEvent(ReadOnlySpan<byte> utf8Json, ProtocolDialect dialect, ProtocolLimits? limits = null)
    {
        var error = Parse(utf8Json, dialect, EventKind.Server, limits ?? ProtocolLimits.Default, out var parsed, out var unknown);
        return error is null ? new ParseResult<ServerEvent>((ServerEvent)parsed!, unknown) : new ParseResult<ServerEvent>(error);
    }

    /// <inheritdoc cref="ParseServerEvent(ReadOnlySpan{byte}, ProtocolDialect, ProtocolLimits?)"/>
    public static ParseResult<ServerEvent> ParseServerEvent(ReadOnlyMemory<byte> utf8Json, ProtocolDialect dialect, ProtocolLimits? limits = null) =>
        ParseServerEvent(utf8Json.Span, dialect, limits);

    /// <summary>
    /// Writes <paramref name="realtimeEvent"/> as one JSON object in <paramref name="dialect"/>. Returns false (and writes
    /// nothing) when the event has no form in that dialect: only <see cref="ConversationItemDoneEvent"/> to a beta peer.
    /// Unknown events are written back byte for byte.
    /// </summary>
    /// <param name="realtimeEvent">The event.</param>
    /// <param name="dialect">Target dialect.</param>
    /// <param name="output">Destination.</param>
    public static bool TryWrite(RealtimeEvent realtimeEvent, ProtocolDialect dialect, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(realtimeEvent);
        ArgumentNullException.ThrowIfNull(output);
        switch (realtimeEvent)
        {
            case UnknownClientEvent unknownClient:
                output.Write(unknownClient.RawJson.Span);
                return true;
            case UnknownServerEvent unknownServer:
                output.Write(unknownServer.RawJson.Span);
                return true;
        }

        if (EventNames.WireName(realtimeEvent, dialect) is null)
        {
            return false;
        }

        var writer = RentWriter(output);
        try
        {
            switch (realtimeEvent)
            {
                case InputAudioBufferAppendEvent append:
                    AudioEventWriter.Write(writer, append);
                    break;
                case ResponseOutputAudioDeltaEvent delta:
                    AudioEventWriter.Write(writer, delta, dialect);
                    break;
                default:
                    JsonSerializer.Serialize(writer, realtimeEvent, ProtocolJson.For(dialect).GetTypeInfo(realtimeEvent.GetType()));
                    break;
            }

            writer.Flush();
        }
        finally
        {
            writer.Reset(Parked);
        }

        return true;
    }

    /// <summary>The event as UTF-8 JSON in <paramref name="dialect"/>, or null when it has no form there (see <see cref="TryWrite"/>).</summary>
    /// <param name="realtimeEvent">The event.</param>
    /// <param name="dialect">Target dialect.</param>
    public static byte[]? ToUtf8Bytes(RealtimeEvent realtimeEvent, ProtocolDialect dialect)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return TryWrite(realtimeEvent, dialect, buffer) ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>The event as a JSON string in <paramref name="dialect"/> (logs, tests), or null when it has no form there.</summary>
    /// <param name="realtimeEvent">The event.</param>
    /// <param name="dialect">Target dialect.</param>
    public static string? ToJsonString(RealtimeEvent realtimeEvent, ProtocolDialect dialect) =>
        ToUtf8Bytes(realtimeEvent, dialect) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    private static Utf8JsonWriter RentWriter(IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            return t_writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        }

        // A nested call on the same thread (should not happen) gets its own writer.
        if (writer.BytesPending != 0)
        {
            return new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        }

        writer.Reset(output);
        return writer;
    }

    private static ProtocolError? Parse(ReadOnlySpan<byte> utf8, ProtocolDialect dialect, EventKind kind, ProtocolLimits limits, out RealtimeEvent? parsed, out List<string>? unknown)
    {
        parsed = null;
        unknown = null;
        string? eventId = null;
        try
        {
            if (utf8.Length > limits.MaxFrameBytes)
            {
                return ProtocolErrors.Create(
                    ProtocolErrorCodes.EventTooLarge,
                    $"The event is {utf8.Length} bytes; the maximum is {limits.MaxFrameBytes} bytes.");
            }

            var audioError = AudioEventReader.TryRead(utf8, kind == EventKind.Client, dialect, limits, out parsed, out unknown);
            if (audioError is not null || parsed is not null)
            {
                return audioError;
            }

            var scanError = EventScanner.Scan(utf8, limits, out var type, out eventId);
            if (scanError is not null)
            {
                return scanError;
            }

            if (type is null)
            {
                return ProtocolErrors.Create(ProtocolErrorCodes.InvalidEvent, "The 'type' field is missing.", null, eventId);
            }

            var registration = EventRegistry.Find(dialect, kind, type);
            if (registration is null)
            {
                parsed = kind == EventKind.Client
                    ? new UnknownClientEvent(type, utf8.ToArray()) { EventId = eventId }
                    : new UnknownServerEvent(type, utf8.ToArray()) { EventId = eventId };
                return null;
            }

            if (registration.ClrType == typeof(InputAudioBufferAppendEvent) || registration.ClrType == typeof(ResponseOutputAudioDeltaEvent))
            {
                // The fast path declined a well-formed frame of its own type: only a mistyped event_id does that.
                return ProtocolErrors.Create(ProtocolErrorCodes.InvalidType, "Invalid type for 'event_id': expected a string.", "event_id", null);
            }

            var options = ProtocolJson.For(dialect);
            var typeInfo = options.GetTypeInfo(registration.ClrType);
            var result = (RealtimeEvent)JsonSerializer.Deserialize(utf8, typeInfo)!;
            ApplyTranscriptionAlias(result, dialect, type);

            if (result is ClientEvent clientEvent)
            {
                if (clientEvent.FindMissingRequiredParameter(dialect) is { } missing)
                {
                    return ProtocolErrors.MissingRequiredParameter(missing, eventId);
                }

                if (dialect == ProtocolDialect.GA && result is SessionUpdateEvent { Session.Type: null })
                {
                    return ProtocolErrors.MissingRequiredParameter("session.type", eventId);
                }
            }

            unknown = UnknownFieldCollector.Collect(result, options);
            parsed = result;
            return null;
        }
        catch (InvalidValueJsonException ex)
        {
            var param = ToParam(ex.Path);
            return ProtocolErrors.Create(ProtocolErrorCodes.InvalidValue, $"Invalid value for '{param}': {FirstSentence(ex.Message)}", param, eventId);
        }
        catch (JsonException ex)
        {
            var param = ToParam(ex.Path);
            return ProtocolErrors.Create(ProtocolErrorCodes.InvalidType, $"Invalid type for '{param}'.", param, eventId);
        }
#pragma warning disable CA1031 // A parser returns errors as values: nothing may escape.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ProtocolErrors.Create(ProtocolErrorCodes.InvalidEvent, $"The event could not be read ({ex.GetType().Name}).", null, eventId);
        }
    }

    private static void ApplyTranscriptionAlias(RealtimeEvent result, ProtocolDialect dialect, string wireType)
    {
        if (dialect != ProtocolDialect.Beta || !wireType.StartsWith("transcription_session.", StringComparison.Ordinal))
        {
            return;
        }

        var session = result switch
        {
            SessionUpdateEvent e => e.Session,
            SessionCreatedEvent e => e.Session,
            SessionUpdatedEvent e => e.Session,
            _ => null,
        };
        if (session is not null)
        {
            session.Type ??= SessionTypes.Transcription;
        }
    }

    private static string ToParam(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) ? "(root)" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
