using System.Buffers;
using System.Text.Json;

namespace RealtimeGrains.Protocol.Parsing;

/// <summary>
/// Hand-written fast path for the two hot events, <c>input_audio_buffer.append</c> and
/// <c>response.(output_)audio.delta</c>: one <see cref="Utf8JsonReader"/> pass, base64 decoded straight from the
/// frame into a pooled buffer, ids of consecutive deltas reused instead of re-allocated. Unknown fields are kept.
/// </summary>
internal static class AudioEventReader
{
    [ThreadStatic]
    private static string? t_lastResponseId;

    [ThreadStatic]
    private static string? t_lastItemId;

    /// <summary>Null when the frame is not this kind's audio event (the general path takes it).</summary>
    public static ProtocolError? TryRead(ReadOnlySpan<byte> utf8, bool client, ProtocolDialect dialect, ProtocolLimits limits, out RealtimeEvent? parsed, out List<string>? unknownFields)
    {
        parsed = null;
        unknownFields = null;
        var typeName = client ? "input_audio_buffer.append"u8
            : dialect == ProtocolDialect.Beta ? "response.audio.delta"u8 : "response.output_audio.delta"u8;
        var audioName = client ? "audio"u8 : "delta"u8;
        var audioParam = client ? "audio" : "delta";

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        string? eventId = null, responseId = null, itemId = null;
        int? outputIndex = null, contentIndex = null;
        byte[]? rented = null;
        var audioLength = 0;
        var typeSeen = false;
        Dictionary<string, JsonElement>? extension = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(typeName))
                    {
                        return Abandon(ref rented);
                    }

                    typeSeen = true;
                }
                else if (reader.ValueTextEquals("event_id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (reader.ValueSpan.Length > limits.MaxEventIdLength)
                        {
                            return Abandon(ref rented); // the general path reports it with the exact wording
                        }

                        eventId = reader.GetString();
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return Abandon(ref rented);
                    }
                }
                else if (reader.ValueTextEquals(audioName))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        Release(ref rented);
                        return ProtocolErrors.Create(ProtocolErrorCodes.InvalidType, $"Invalid type for '{audioParam}': expected a base64 string.", audioParam, eventId);
                    }

                    if (reader.ValueSpan.Length > limits.MaxAudioBase64Length)
                    {
                        Release(ref rented);
                        return ProtocolErrors.Create(
                            ProtocolErrorCodes.StringAboveMaxLength,
                            $"Invalid '{audioParam}': audio too long. Expected at most {limits.MaxAudioBytes} bytes of audio ({limits.MaxAudioBase64Length} base64 characters), but got {reader.ValueSpan.Length} characters instead.",
                            audioParam,
                            eventId);
                    }

                    Release(ref rented);
                    if (!Decode(ref reader, out rented, out audioLength))
                    {
                        return ProtocolErrors.Create(ProtocolErrorCodes.InvalidValue, $"Invalid '{audioParam}': not valid base64.", audioParam, eventId);
                    }
                }
                else if (!client && reader.ValueTextEquals("response_id"u8))
                {
                    reader.Read();
                    responseId = ReadId(ref reader, ref t_lastResponseId);
                }
                else if (!client && reader.ValueTextEquals("item_id"u8))
                {
                    reader.Read();
                    itemId = ReadId(ref reader, ref t_lastItemId);
                }
                else if (!client && reader.ValueTextEquals("output_index"u8))
                {
                    reader.Read();
                    outputIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : null;
                }
                else if (!client && reader.ValueTextEquals("content_index"u8))
                {
                    reader.Read();
                    contentIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) ? i : null;
                }
                else
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    (extension ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
                }
            }

            if (!typeSeen || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Abandon(ref rented);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed: let the general path produce the invalid_json error.
            return Abandon(ref rented);
        }

        if (rented is null && client)
        {
            return ProtocolErrors.MissingRequiredParameter(audioParam, eventId);
        }

        // Unknown fields are rare on audio events: check them as the general path checks every string (limits, valid
        // UTF-8, no lone surrogates), or writing the event back would fail or change them.
        if (extension is not null && EventScanner.Scan(utf8, limits, out _, out _) is { } unreadable)
        {
            Release(ref rented);
            unreadable.EventId ??= eventId;
            return unreadable;
        }

        rented ??= [];
        RealtimeEvent result = client
            ? new InputAudioBufferAppendEvent(rented, audioLength)
            : new ResponseOutputAudioDeltaEvent(rented, audioLength)
            {
                ResponseId = responseId,
                ItemId = itemId,
                OutputIndex = outputIndex,
                ContentIndex = contentIndex,
            };
        result.EventId = eventId;
        if (extension is not null)
        {
            result.ExtensionData = extension;
            unknownFields = [.. extension.Keys];
        }

        parsed = result;
        return null;
    }

    private static bool Decode(ref Utf8JsonReader reader, out byte[]? rented, out int length)
    {
        if (!reader.ValueIsEscaped)
        {
            var ok = Base64Audio.TryDecodeToRented(reader.ValueSpan, out var array, out length);
            rented = ok ? array : null;
            return ok;
        }

        // Rare: a peer escaped '/' or '+'. Unescape into a pooled buffer first.
        var scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var written = reader.CopyString(scratch);
            var ok = Base64Audio.TryDecodeToRented(scratch.AsSpan(0, written), out var array, out length);
            rented = ok ? array : null;
            return ok;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static string? ReadId(ref Utf8JsonReader reader, ref string? last)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        if (last is not null && reader.ValueTextEquals(last))
        {
            return last;
        }

        return last = reader.GetString();
    }

    private static ProtocolError? Abandon(ref byte[]? rented)
    {
        Release(ref rented);
        return null;
    }

    private static void Release(ref byte[]? rented)
    {
        if (rented is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        rented = null;
    }
}
