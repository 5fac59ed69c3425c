using System.Text.Json;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// The few facts a load session needs from a server event, read with one forward pass of <see cref="Utf8JsonReader"/>
/// (the audio itself is never decoded: only its length counts). Works for both dialects' event names.
/// </summary>
internal readonly record struct ServerEventInfo(ServerEventKind Kind, int AudioBytes, string? CallId, string? Status, string? ErrorCode)
{
    /// <summary>Reads <paramref name="json"/>; malformed input gives <see cref="ServerEventKind.Other"/>, never an exception.</summary>
    public static ServerEventInfo Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadCore(json);
        }
        catch (JsonException)
        {
            return default;
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static ServerEventInfo ReadCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }

        var kind = ServerEventKind.Other;
        var audioBytes = 0;
        string? callId = null;
        string? status = null;
        string? errorCode = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    var base64Length = reader.ValueIsEscaped ? reader.GetString()!.Length : reader.ValueSpan.Length;
                    audioBytes = base64Length / 4 * 3;
                }
            }
            else if (reader.ValueTextEquals("call_id"u8))
            {
                reader.Read();
                callId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                reader.Read();
                status = NestedString(ref reader, "status"u8);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                errorCode = NestedString(ref reader, "code"u8) ?? "error";
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Text deltas carry a "delta" too; only audio deltas count as audio.
        return new ServerEventInfo(kind, kind == ServerEventKind.AudioDelta ? audioBytes : 0, callId, status, errorCode);
    }

    private static ServerEventKind KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return ServerEventKind.Other;
        }

        if (reader.ValueTextEquals("response.output_audio.delta"u8) || reader.ValueTextEquals("response.audio.delta"u8))
        {
            return ServerEventKind.AudioDelta;
        }

        if (reader.ValueTextEquals("response.created"u8))
        {
            return ServerEventKind.ResponseCreated;
        }

        if (reader.ValueTextEquals("response.done"u8))
        {
            return ServerEventKind.ResponseDone;
        }

        if (reader.ValueTextEquals("response.function_call_arguments.done"u8))
        {
            return ServerEventKind.FunctionCallArgumentsDone;
        }

        if (reader.ValueTextEquals("session.updated"u8))
        {
            return ServerEventKind.SessionUpdated;
        }

        return reader.ValueTextEquals("error"u8) ? ServerEventKind.Error : ServerEventKind.Other;
    }

    /// <summary>At an object's start: the string value of <paramref name="name"/> among its direct properties; the reader ends on the object's end.</summary>
    private static string? NestedString(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                value = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }
}
