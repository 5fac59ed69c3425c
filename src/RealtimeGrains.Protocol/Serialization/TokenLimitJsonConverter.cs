using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Reads and writes a token limit: an integer or <c>"inf"</c>.</summary>
internal sealed class TokenLimitJsonConverter : JsonConverter<TokenLimit>
{
    public override TokenLimit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt32(out var value) && value > 0
                ? TokenLimit.Of(value)
                : throw new InvalidValueJsonException("Expected an integer between 1 and 4096, or 'inf'.");
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals("inf"u8)
                ? TokenLimit.Infinite
                : throw new InvalidValueJsonException("Expected an integer between 1 and 4096, or 'inf'.");
        }

        throw new JsonException("Expected an integer or 'inf'.");
    }

    public override void Write(Utf8JsonWriter writer, TokenLimit value, JsonSerializerOptions options)
    {
        if (value.Limit is { } limit)
        {
            writer.WriteNumberValue(limit);
        }
        else
        {
            writer.WriteStringValue("inf"u8);
        }
    }
}
