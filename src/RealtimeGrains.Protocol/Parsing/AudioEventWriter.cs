using System.Text.Json;

namespace RealtimeGrains.Protocol.Parsing;

/// <summary>Hand-written writer for the two hot events: base64 encoded straight from the bytes into the output.</summary>
internal static class AudioEventWriter
{
    public static void Write(Utf8JsonWriter writer, InputAudioBufferAppendEvent append)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "input_audio_buffer.append"u8);
        if (append.EventId is not null)
        {
            writer.WriteString("event_id"u8, append.EventId);
        }

        writer.WriteBase64String("audio"u8, append.Audio.Span);
        WriteExtension(writer, append);
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, ResponseOutputAudioDeltaEvent delta, ProtocolDialect dialect)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, dialect == ProtocolDialect.Beta ? "response.audio.delta"u8 : "response.output_audio.delta"u8);
        if (delta.EventId is not null)
        {
            writer.WriteString("event_id"u8, delta.EventId);
        }

        if (delta.ResponseId is not null)
        {
            writer.WriteString("response_id"u8, delta.ResponseId);
        }

        if (delta.ItemId is not null)
        {
            writer.WriteString("item_id"u8, delta.ItemId);
        }

        if (delta.OutputIndex is { } outputIndex)
        {
            writer.WriteNumber("output_index"u8, outputIndex);
        }

        if (delta.ContentIndex is { } contentIndex)
        {
            writer.WriteNumber("content_index"u8, contentIndex);
        }

        writer.WriteBase64String("delta"u8, delta.Delta.Span);
        WriteExtension(writer, delta);
        writer.WriteEndObject();
    }

    private static void WriteExtension(Utf8JsonWriter writer, ProtocolObject value)
    {
        if (value.ExtensionData is null)
        {
            return;
        }

        foreach (var (name, element) in value.ExtensionData)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }
}
