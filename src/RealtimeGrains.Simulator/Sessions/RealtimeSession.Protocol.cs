using System.Text.Json;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>The glue to the protocol library: parse client frames, write server events, session objects and item copies.</summary>
internal sealed partial class RealtimeSession
{
    private void Dispatch(ReadOnlySpan<byte> utf8)
    {
        var parsed = RealtimeProtocol.ParseClientEvent(utf8, _dialect);
        if (!parsed.IsSuccess)
        {
            EmitError(parsed.Error);
            return;
        }

        // Like the service, reject unknown parameters instead of ignoring them.
        if (parsed.UnknownParameterError is { } unknown)
        {
            (parsed.Event as IDisposable)?.Dispose();
            EmitError(unknown);
            return;
        }

        if (parsed.Event is InputAudioBufferAppendEvent append)
        {
            using (append)
            {
                HandleAppend(append.Audio.Span);
            }

            return;
        }

        DispatchParsed(parsed.Event);
    }

    private byte[] WriteEvent(ServerEvent serverEvent) =>
        RealtimeProtocol.ToUtf8Bytes(serverEvent, _dialect)
        ?? throw new InvalidOperationException($"The protocol library could not write {serverEvent.Type} for {_dialect}.");

    private void EmitAudioDelta(ResponseRun run, ConversationEntry entry, ReadOnlyMemory<byte> audio)
    {
        using var delta = new ResponseOutputAudioDeltaEvent(audio) { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0 };
        Send(delta);
    }

    /// <summary>The effective session object as the client sees it (written through a <c>session.updated</c> event).</summary>
    private byte[] WriteSessionObject() => ExtractSession(WriteEvent(new SessionUpdatedEvent { Session = _config }));

    internal static byte[] ExtractSession(byte[] eventJson)
    {
        using var document = JsonDocument.Parse(eventJson);
        return JsonSerializer.SerializeToUtf8Bytes(document.RootElement.GetProperty("session"), SessionJsonContext.Default.JsonElement);
    }

    /// <summary>Parses a session configuration by reading it as the <c>session</c> of a <c>session.update</c>.</summary>
    internal static bool TryParseSessionConfig(string sessionJson, ProtocolDialect dialect, out SessionConfig config)
    {
        var frame = System.Text.Encoding.UTF8.GetBytes($$"""{"type":"session.update","session":{{sessionJson}}}""");
        var parsed = RealtimeProtocol.ParseClientEvent(frame, dialect);
        config = (parsed.Event as SessionUpdateEvent)?.Session!;
        return config is not null;
    }

    private static RealtimeItem CopyItem(RealtimeItem item) => new()
    {
        Id = item.Id,
        ObjectType = item.ObjectType,
        Type = item.Type,
        Status = item.Status,
        Role = item.Role,
        CallId = item.CallId,
        Name = item.Name,
        Arguments = item.Arguments,
        Output = item.Output,
        Content = item.Content?.Select(p => new ContentPart { Type = p.Type, Text = p.Text, Transcript = p.Transcript, Audio = p.Audio, ImageUrl = p.ImageUrl, Detail = p.Detail, Id = p.Id }).ToList(),
    };
}
