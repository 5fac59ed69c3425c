using System.Text.Json;
using System.Text.Json.Serialization;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Reads an audio format in either form (beta string, GA object); writes the form of its dialect.</summary>
internal sealed class AudioFormatJsonConverter : JsonConverter<AudioFormat>
{
    private readonly ProtocolDialect _dialect;

    public AudioFormatJsonConverter()
        : this(ProtocolDialect.GA)
    {
    }

    public AudioFormatJsonConverter(ProtocolDialect dialect) => _dialect = dialect;

    public override AudioFormat? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return AudioFormat.FromBetaName(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a string or an object.");
        }

        string? type = null;
        int? rate = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            var isRate = reader.ValueTextEquals("rate"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                type = reader.GetString();
            }
            else if (isRate && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var r))
            {
                // A rate of 0 or less would be dropped on writing and read back as another format.
                rate = r > 0 ? r : throw new InvalidValueJsonException("An audio format's 'rate' must be a positive number of samples per second.");
            }
            else
            {
                reader.Skip();
            }
        }

        return type is null ? throw new InvalidValueJsonException("An audio format object needs a 'type'.") : AudioFormat.FromGa(type, rate);
    }

    public override void Write(Utf8JsonWriter writer, AudioFormat value, JsonSerializerOptions options)
    {
        var asString = _dialect == ProtocolDialect.Beta ? value.BetaName is not null : value.GaType is null;
        if (asString)
        {
            writer.WriteStringValue(value.BetaName);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, value.GaType);
        if (value.Encoding == AudioEncoding.Pcm16 || (!value.IsKnown && value.SampleRate > 0))
        {
            writer.WriteNumber("rate"u8, value.SampleRate);
        }

        writer.WriteEndObject();
    }
}
