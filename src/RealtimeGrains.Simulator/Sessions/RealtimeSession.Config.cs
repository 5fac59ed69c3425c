using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Session configuration: defaults, updates (with the voice lock) and the derived settings.</summary>
internal sealed partial class RealtimeSession
{
    private SessionConfig _config = null!;
    private SessionSettings _settings = new();

    private void InitializeConfig()
    {
        var config = SessionDefaults.Create(_dialect, _request.Model, _sessionId, _startedAt + _maxDuration);
        var minted = _request.EphemeralKey?.SessionJson;
        if (minted is not null && TryParseSessionConfig(minted, _request.EphemeralKey!.Beta ? ProtocolDialect.Beta : ProtocolDialect.GA, out var fromKey))
        {
            fromKey.Id = null;
            fromKey.Model = null;
            config = config.ApplyUpdate(fromKey);
        }

        _config = config;
        _settings = SessionSettings.From(config);
    }

    /// <summary>Applies a <c>session.update</c>: all or nothing.</summary>
    private void HandleSessionUpdate(SessionConfig update, string? eventId)
    {
        if (_audioProduced && update.Voice is not null && update.Voice != _config.Voice)
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.CannotUpdateVoice, "Cannot update a conversation's voice if assistant audio is present.", "session.voice", eventId));
            return;
        }

        if (update.Type == SessionTypes.Transcription)
        {
            // Every simulated session is a conversation: it cannot become a transcription session.
            EmitError(ProtocolErrors.InvalidValue("session.type", "This is a realtime session; a transcription session's update cannot be applied to it.", eventId));
            return;
        }

        if (update.Model is not null && update.Model != _config.Model)
        {
            EmitError(ProtocolErrors.InvalidValue("session.model", "The session model cannot be changed.", eventId));
            return;
        }

        var validation = ValidateUpdate(update, eventId);
        if (validation is not null)
        {
            EmitError(validation);
            return;
        }

        update.Id = null;
        update.ObjectType = null;
        update.ExpiresAt = null;
        var previousInput = _settings.InputFormat;
        var previousVad = _settings.Vad;
        _config = _config.ApplyUpdate(update);
        _settings = SessionSettings.From(_config);
        if (previousInput != _settings.InputFormat || previousVad != _settings.Vad)
        {
            ApplyVadSettings();
        }

        EmitSessionUpdated();
        _record?.AddConfig(SessionJson());
    }

    private ProtocolError? ValidateUpdate(SessionConfig update, string? eventId)
    {
        if (update.Modalities is { } modalities && (modalities.Count == 0 || modalities.Any(m => m is not ("audio" or "text"))
            || (_dialect == ProtocolDialect.Beta && !modalities.Contains("text"))))
        {
            return ProtocolErrors.InvalidValue(_dialect == ProtocolDialect.Beta ? "session.modalities" : "session.output_modalities", "Invalid modalities: use [\"text\"] or [\"audio\", \"text\"] (GA: [\"audio\"] or [\"text\"]).", eventId);
        }

        if (update.InputAudioFormat is { IsKnown: false })
        {
            return ProtocolErrors.InvalidValue(_dialect == ProtocolDialect.Beta ? "session.input_audio_format" : "session.audio.input.format", $"Invalid value: '{update.InputAudioFormat}'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'.", eventId);
        }

        if (update.OutputAudioFormat is { IsKnown: false })
        {
            return ProtocolErrors.InvalidValue(_dialect == ProtocolDialect.Beta ? "session.output_audio_format" : "session.audio.output.format", $"Invalid value: '{update.OutputAudioFormat}'. Supported values are: 'pcm16', 'g711_ulaw', and 'g711_alaw'.", eventId);
        }

        if (update.Temperature is { } temperature && (temperature < 0.6 || temperature > 1.2))
        {
            return ProtocolErrors.InvalidValue("session.temperature", $"Invalid 'session.temperature': decimal below minimum value or above maximum value. Expected a value between 0.6 and 1.2, but got {temperature} instead.", eventId);
        }

        if (update.MaxOutputTokens?.Limit is { } limit && (limit < 1 || limit > 4096))
        {
            var param = _dialect == ProtocolDialect.Beta ? "session.max_response_output_tokens" : "session.max_output_tokens";
            return ProtocolErrors.InvalidValue(param, $"Invalid '{param}': integer below minimum value or above maximum value. Expected a value between 1 and 4096, but got {limit} instead.", eventId);
        }

        if (update.TurnDetection is { } vad)
        {
            if (vad.Type is not (null or TurnDetection.Types.ServerVad or TurnDetection.Types.SemanticVad or TurnDetection.Types.None))
            {
                return ProtocolErrors.InvalidValue("session.turn_detection.type", $"Invalid value: '{vad.Type}'. Supported values are: 'server_vad' and 'semantic_vad'.", eventId);
            }

            if (vad.Threshold is { } threshold && (threshold < 0 || threshold > 1))
            {
                return ProtocolErrors.InvalidValue("session.turn_detection.threshold", $"Invalid 'session.turn_detection.threshold': expected a value between 0 and 1, but got {threshold} instead.", eventId);
            }
        }

        return null;
    }

    /// <summary>(Re)creates the VAD for the current settings, keeping the session's audio clock.</summary>
    private void ApplyVadSettings()
    {
        var vad = _settings.Vad;
        _pendingSpeechItemId = null;
        if (vad is null)
        {
            _vad = null;
            return;
        }

        _vad = new ServerVad(_settings.InputFormat.SampleRate, vad.Threshold, vad.PrefixPaddingMs, vad.SilenceDurationMs);
        _vad.Reset((long)AudioClockMs);
    }

    private string SessionJson() => System.Text.Encoding.UTF8.GetString(WriteSessionObject());
}
