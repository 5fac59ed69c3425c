using System.Text.Json;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Gateway;

/// <summary>Translations between the wire model (protocol library) and the session grain's settings and items.</summary>
internal static class SessionMapping
{
    /// <summary>The gateway's extension field of a session configuration: forward function-call events to clients.</summary>
    public const string ForwardToolEventsField = "forward_tool_events";

    public static RealtimeSessionSettings ToSettings(SessionConfig config)
    {
        string? turnDetection = null;
        if (config.IsExplicitNull(SessionFields.TurnDetection))
        {
            turnDetection = TurnDetection.Types.None;
        }
        else if (config.TurnDetection?.Type is { } type)
        {
            turnDetection = type;
        }

        string? transcription = config.IsExplicitNull(SessionFields.InputAudioTranscription) ? "" : config.InputAudioTranscription?.Model;
        bool? forward = config.ExtensionData?.TryGetValue(ForwardToolEventsField, out var value) == true && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
        return new RealtimeSessionSettings
        {
            Instructions = config.Instructions,
            Voice = config.Voice,
            TurnDetection = turnDetection,
            OutputModalities = config.Modalities,
            InputAudioFormat = config.InputAudioFormat?.BetaName,
            OutputAudioFormat = config.OutputAudioFormat?.BetaName,
            TranscriptionModel = transcription,
            ForwardToolEvents = forward,
            ClientTools = config.Tools?.Where(t => t is not null && t.Type is null or "function" && t.Name is not null)
                .Select(t => new ClientToolDefinition(t.Name!, t.Description, t.Parameters?.GetRawText()))
                .ToList(),
            ToolChoice = config.ToolChoice switch
            {
                null => null,
                { Mode: { } mode } => mode,
                { Type: "function", Name: { } name } => "function:" + name,
                _ => null,
            },
            UpstreamFieldsJson = SessionUpstreamFields.Capture(config),
        };
    }

    public static SessionConfig ToSessionConfig(string sessionId, RealtimeSessionSettings settings, string model)
    {
        var config = new SessionConfig
        {
            Type = SessionTypes.Realtime,
            Id = sessionId,
            ObjectType = "realtime.session",
            Model = model,
            // What the service's session.created carries, with its defaults where the client set nothing.
            Instructions = settings.Instructions ?? string.Empty,
            Voice = settings.Voice ?? "alloy",
            Modalities = settings.OutputModalities?.ToList(),
            InputAudioFormat = settings.InputAudioFormat is { } input ? AudioFormat.FromBetaName(input) : AudioFormat.Pcm16,
            OutputAudioFormat = settings.OutputAudioFormat is { } output ? AudioFormat.FromBetaName(output) : AudioFormat.Pcm16,
            Tools = [.. (settings.ClientTools ?? []).Select(t => RealtimeTool.Function(t.Name, t.Description, t.ParametersJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null))],
            ToolChoice = settings.ToolChoice switch
            {
                { } choice when choice.StartsWith("function:", StringComparison.Ordinal) => ToolChoice.Function(choice["function:".Length..]),
                { } mode => new ToolChoice(mode),
                null => ToolChoice.Auto,
            },

            // The service's own limit; the session itself outlives it (the grain rolls the upstream over before).
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(),
        };
        if (settings.TurnDetection is null)
        {
            config.TurnDetection = new TurnDetection { Type = TurnDetection.Types.ServerVad, Threshold = 0.5, PrefixPaddingMs = 300, SilenceDurationMs = 200, CreateResponse = true, InterruptResponse = true };
        }
        else if (settings.TurnDetection != TurnDetection.Types.None)
        {
            config.TurnDetection = new TurnDetection { Type = settings.TurnDetection };
        }
        else
        {
            config.SetExplicitNull(SessionFields.TurnDetection);
        }

        if (settings.TranscriptionModel is { Length: > 0 } transcription)
        {
            config.InputAudioTranscription = new InputAudioTranscription { Model = transcription };
        }

        SessionUpstreamFields.ApplyTo(config, settings.UpstreamFieldsJson);
        return config;
    }

    public static RealtimeItem ToItem(ConversationItem item)
    {
        var result = new RealtimeItem
        {
            Id = item.Id,
            ObjectType = "realtime.item",
            Type = item.Type,
            Status = item.Status,
            Role = item.Role,
            CallId = item.CallId,
            Name = item.Name,
            Arguments = item.Arguments,
            Output = item.Output,
        };
        if (item.Type == ItemTypes.Message)
        {
            var part = item.Role switch
            {
                "assistant" when item.HasAudio => new ContentPart { Type = ContentPartTypes.OutputAudio, Transcript = item.Transcript ?? item.Text },
                "assistant" => new ContentPart { Type = ContentPartTypes.OutputText, Text = item.Text ?? item.Transcript },
                _ when item.HasAudio => new ContentPart { Type = ContentPartTypes.InputAudio, Transcript = item.Transcript ?? item.Text },
                _ => new ContentPart { Type = ContentPartTypes.InputText, Text = item.Text ?? item.Transcript },
            };
            result.Content = [part];
        }

        return result;
    }
}
