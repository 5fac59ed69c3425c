using System.Text;
using System.Text.Json;

namespace RealtimeGrains.Protocol.Parsing;

/// <summary>
/// One pass over a frame before deserialization: checks it is a JSON object, finds the top-level <c>type</c> and
/// <c>event_id</c>, and enforces string limits (audio fields against the audio limit), reporting the wire path.
/// </summary>
internal static class EventScanner
{
    private const int MaxDepth = 64;

    public static ProtocolError? Scan(ReadOnlySpan<byte> utf8, ProtocolLimits limits, out string? type, out string? eventId)
    {
        type = null;
        eventId = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        Span<int> nameStart = stackalloc int[MaxDepth + 2];
        Span<int> nameLength = stackalloc int[MaxDepth + 2];
        Span<int> arrayIndex = stackalloc int[MaxDepth + 2];
        Span<bool> inArray = stackalloc bool[MaxDepth + 2];
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ProtocolErrors.Create(ProtocolErrorCodes.InvalidJson, "The event must be a JSON object.");
            }

            inArray[1] = false;
            var lastNameStart = 0;
            var lastNameLength = 0;
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!IsReadable(ref reader))
                        {
                            return NotUnicode(eventId);
                        }

                        nameStart[depth] = (int)reader.TokenStartIndex + 1;
                        nameLength[depth] = reader.ValueSpan.Length;
                        lastNameStart = nameStart[depth];
                        lastNameLength = nameLength[depth];
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        continue;
                }

                if (inArray[depth])
                {
                    arrayIndex[depth]++;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    inArray[depth + 1] = reader.TokenType == JsonTokenType.StartArray;
                    arrayIndex[depth + 1] = -1;
                    continue;
                }

                var name = utf8.Slice(lastNameStart, lastNameLength);
                if (depth == 1 && name.SequenceEqual("type"u8))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return ProtocolErrors.Create(ProtocolErrorCodes.InvalidType, "Invalid type for 'type': expected a string.", "type", eventId);
                    }

                    type = reader.GetString();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var number) && double.IsFinite(number)))
                {
                    // 1e400 reads as infinity, which no writer can write back.
                    var path = BuildPath(utf8, depth, nameStart, nameLength, arrayIndex, inArray);
                    return ProtocolErrors.Create(ProtocolErrorCodes.InvalidValue, $"Invalid value for '{path}': the number is out of range.", path, eventId);
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                if (!IsReadable(ref reader))
                {
                    return NotUnicode(eventId);
                }

                var isEventId = depth == 1 && name.SequenceEqual("event_id"u8);
                var max = isEventId ? limits.MaxEventIdLength
                    : name.SequenceEqual("audio"u8) || name.SequenceEqual("delta"u8) ? Math.Max(limits.MaxAudioBase64Length, limits.MaxStringLength)
                    : limits.MaxStringLength;
                var length = reader.ValueSpan.Length;
                if (length > max && reader.ValueIsEscaped)
                {
                    length = Encoding.UTF8.GetByteCount(reader.GetString()!);
                }

                if (length > max)
                {
                    var path = BuildPath(utf8, depth, nameStart, nameLength, arrayIndex, inArray);
                    return ProtocolErrors.Create(
                        ProtocolErrorCodes.StringAboveMaxLength,
                        $"Invalid '{path}': string too long. Expected a string with maximum length {max}, but got a string with length {length} instead.",
                        path,
                        isEventId ? null : eventId);
                }

                if (isEventId)
                {
                    eventId = reader.GetString();
                }
            }

            return null;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString on bytes that are not valid UTF-8.
            return ProtocolErrors.Create(ProtocolErrorCodes.InvalidJson, "The event is not valid UTF-8 JSON.", null, eventId);
        }
        catch (JsonException ex)
        {
            return ProtocolErrors.Create(
                ProtocolErrorCodes.InvalidJson,
                $"The event is not valid JSON (at byte {ex.BytePositionInLine ?? reader.BytesConsumed}).",
                null,
                eventId);
        }
    }

    /// <summary>
    /// False when the string token is not valid UTF-8 or escapes a lone surrogate: the reader does not check either, and
    /// such a string would be mangled (U+FFFD) or make the writer throw when the event is written back.
    /// </summary>
    private static bool IsReadable(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return System.Text.Unicode.Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static ProtocolError NotUnicode(string? eventId) =>
        ProtocolErrors.Create(ProtocolErrorCodes.InvalidJson, "The event is not valid UTF-8 JSON (a string holds invalid UTF-8 or a lone surrogate).", null, eventId);

    private static string BuildPath(ReadOnlySpan<byte> utf8, int depth, ReadOnlySpan<int> nameStart, ReadOnlySpan<int> nameLength, ReadOnlySpan<int> arrayIndex, ReadOnlySpan<bool> inArray)
    {
        var builder = new StringBuilder();
        for (var level = 1; level <= depth; level++)
        {
            if (inArray[level])
            {
                builder.Append('[').Append(arrayIndex[level]).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(Encoding.UTF8.GetString(utf8.Slice(nameStart[level], nameLength[level])));
            }
        }

        return builder.ToString();
    }
}
