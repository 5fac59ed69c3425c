using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Reads <c>tool_choice</c> in any form; writes the form of its dialect (see <see cref="ToolChoice"/>).</summary>
internal sealed class ToolChoiceJsonConverter : JsonConverter<ToolChoice>
{
    private readonly ProtocolDialect _dialect;

    public ToolChoiceJsonConverter()
        : this(ProtocolDialect.GA)
    {
    }

    public ToolChoiceJsonConverter(ProtocolDialect dialect) => _dialect = dialect;

    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => ToolChoice.None,
                "required" => ToolChoice.Required,
                var other => new ToolChoice(other!),
            };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a string or an object.");
        }

        string? type = null, name = null, serverLabel = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    break;
                case "name" when reader.TokenType == JsonTokenType.String:
                    name = reader.GetString();
                    break;
                case "server_label" when reader.TokenType == JsonTokenType.String:
                    serverLabel = reader.GetString();
                    break;
                case "function" when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isName = reader.ValueTextEquals("name"u8);
                        reader.Read();
                        if (isName && reader.TokenType == JsonTokenType.String)
                        {
                            name = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return type is null || name is null
            ? throw new InvalidValueJsonException("A tool_choice object needs 'type' and 'name'.")
            : ToolChoice.Forced(type, name, serverLabel);
    }

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, value.Type);
        if (_dialect == ProtocolDialect.Beta && value.Type == "function")
        {
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, value.Name);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("name"u8, value.Name);
            if (value.ServerLabel is not null)
            {
                writer.WriteString("server_label"u8, value.ServerLabel);
            }
        }

        writer.WriteEndObject();
    }
}
