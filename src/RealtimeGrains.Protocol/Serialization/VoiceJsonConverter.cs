using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// A voice: a name (<c>"alloy"</c>) or a GA custom voice object <c>{"id":"voice_…"}</c>, held as the id. Ids starting
/// with <c>voice_</c> are written back as the object form.
/// </summary>
internal sealed class VoiceJsonConverter : JsonConverter<string>
{
    public const string CustomVoicePrefix = "voice_";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a voice name or a {\"id\"} object.");
        }

        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                id = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return id ?? throw new InvalidValueJsonException("A custom voice object needs an 'id'.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (value.StartsWith(CustomVoicePrefix, StringComparison.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, value);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
