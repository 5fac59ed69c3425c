using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Input audio buffer: append, commit, clear, server VAD turns and (simulated) input transcription.</summary>
internal sealed partial class RealtimeSession
{
    private const int MinimumCommitMs = 100;

    /// <summary>Milliseconds of all audio appended during the session (the clock of VAD and truncation offsets).</summary>
    private double AudioClockMs => _audioClockMs;

    private void HandleAppend(ReadOnlySpan<byte> audio)
    {
        _inputBuffer.Append(audio);
        _audioClockMs += _settings.InputFormat.BytesToMilliseconds(audio.Length);
        if (_vad is null)
        {
            return;
        }

        _vadEvents.Clear();
        if (_settings.InputFormat.Encoding == AudioEncoding.Pcm16)
        {
            _vad.Process(audio, _vadEvents);
        }
        else
        {
            _vad.Process(G711Audio.DecodeToPcm16(audio, _settings.InputFormat.Encoding), _vadEvents);
        }

        foreach (var transition in _vadEvents)
        {
            if (transition.Started)
            {
                OnSpeechStarted(transition.AudioMs);
            }
            else
            {
                OnSpeechStopped(transition.AudioMs);
            }
        }

        if (!_vad.InSpeech && _settings.Vad is { IdleTimeoutMs: { } idleTimeout } && _active is null && AudioClockMs - _idleSinceMs >= idleTimeout)
        {
            OnIdleTimeout();
        }

        if (!_vad.InSpeech)
        {
            // Only the prefix padding can become part of the next turn; drop older silence.
            TrimBufferBefore(AudioClockMs - (_settings.Vad!.PrefixPaddingMs + 10), onlyIfLarge: true);
        }
    }

    private void OnSpeechStarted(long audioStartMs)
    {
        _pendingSpeechItemId = ProtocolIds.NewItemId();
        TrimBufferBefore(audioStartMs, onlyIfLarge: false);
        EmitSpeechStarted(audioStartMs, _pendingSpeechItemId);
        if (_settings.Vad is { InterruptResponse: true } && _active is { } active)
        {
            FinishResponse(active, RealtimeResponse.Statuses.Cancelled, "turn_detected");
        }
    }

    /// <summary>GA <c>idle_timeout_ms</c>: no speech for that long after the last turn; the silence is committed and answered.</summary>
    private void OnIdleTimeout()
    {
        var itemId = ProtocolIds.NewItemId();
        Send(new InputAudioBufferTimeoutTriggeredEvent { AudioStartMs = (int)_bufferStartMs, AudioEndMs = (int)AudioClockMs, ItemId = itemId });
        _idleSinceMs = AudioClockMs;
        if (CommitBuffer(itemId, eventId: null))
        {
            StartResponse(options: null, eventId: null);
        }
    }

    private void OnSpeechStopped(long audioEndMs)
    {
        _idleSinceMs = audioEndMs;
        var itemId = _pendingSpeechItemId ?? ProtocolIds.NewItemId();
        _pendingSpeechItemId = null;
        EmitSpeechStopped(audioEndMs, itemId);
        if (CommitBuffer(itemId, eventId: null) && _settings.Vad is { CreateResponse: true } && _active is null)
        {
            StartResponse(options: null, eventId: null);
        }
    }

    private void HandleCommit(string? eventId)
    {
        var itemId = _pendingSpeechItemId ?? ProtocolIds.NewItemId();
        _pendingSpeechItemId = null;
        _vad?.Reset((long)AudioClockMs);
        CommitBuffer(itemId, eventId);
    }

    private void HandleClear()
    {
        _inputBuffer.Clear();
        _bufferStartMs = AudioClockMs;
        _pendingSpeechItemId = null;
        _vad?.Reset((long)AudioClockMs);
        EmitBufferCleared();
    }

    private bool CommitBuffer(string itemId, string? eventId)
    {
        var format = _settings.InputFormat;
        var bufferedMs = format.BytesToMilliseconds(_inputBuffer.Length);
        if (bufferedMs < MinimumCommitMs)
        {
            EmitError(ProtocolErrors.Create(
                ProtocolErrorCodes.InputAudioBufferCommitEmpty,
                $"Error committing input audio buffer: buffer too small. Expected at least {MinimumCommitMs}ms of audio, but buffer only has {bufferedMs:0.00}ms of audio.",
                null,
                eventId));
            return false;
        }

        var audio = _inputBuffer.Take();
        _bufferStartMs = AudioClockMs;
        var previous = _items.Count > 0 ? _items[^1].Id : null;
        var part = new ContentPart { Type = ContentPartTypes.InputAudio };
        part.SetExplicitNull("transcript");
        var item = new RealtimeItem { Id = itemId, ObjectType = "realtime.item", Type = ItemTypes.Message, Status = "completed", Role = "user", Content = [part] };
        var understood = Understand(audio, format);
        var entry = new ConversationEntry(item) { InputAudio = audio, AudioMs = (int)bufferedMs, UnderstoodText = understood };
        _items.Add(entry);
        EmitBufferCommitted(previous, itemId);
        EmitItemAdded(previous, item);
        EmitItemDone(previous, item);
        SnapshotItems();
        if (_settings.Transcription)
        {
            _ = TranscribeLaterAsync(entry, understood);
        }

        return true;
    }

    /// <summary>What the model "hears": tone-coded text, or the placeholder for ordinary audio.</summary>
    private string Understand(byte[] audio, AudioFormat format)
    {
        var decoded = format.Encoding == AudioEncoding.Pcm16
            ? ToneCode.TryDecode(audio, format.SampleRate, out var text)
            : ToneCode.TryDecode(G711Audio.DecodeToPcm16(audio, format.Encoding), format.SampleRate, out text);
        return decoded ? text : _options.PlaceholderTranscript;
    }

    private async Task TranscribeLaterAsync(ConversationEntry entry, string transcript)
    {
        try
        {
            if (_options.SpeedFactor > 0 && _options.TranscriptionDelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.TranscriptionDelayMs / _options.SpeedFactor), _time, _lifetime.Token).ConfigureAwait(false);
            }

            await _gate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
            try
            {
                if (_expired)
                {
                    return;
                }

                foreach (var word in SplitKeepingSpaces(transcript))
                {
                    EmitTranscriptionDelta(entry.Id, word);
                }

                if (entry.Item.Content is [var part, ..])
                {
                    part.Transcript = transcript;
                    part.SetExplicitNull("transcript", false);
                }

                EmitTranscriptionCompleted(entry.Id, transcript);
                SnapshotItems();
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The session ended first.
        }
        catch (Exception ex)
        {
            LogDispatchFailed(_logger, _sessionId, ex);
        }
    }

    private void TrimBufferBefore(double keepFromMs, bool onlyIfLarge)
    {
        var format = _settings.InputFormat;
        var dropMs = keepFromMs - _bufferStartMs;
        if (dropMs <= 0)
        {
            return;
        }

        var dropBytes = format.AlignToSample(format.MillisecondsToBytes((long)dropMs));
        // While idle, trim in steps of at least a quarter of the buffer: small copies, small pooled arrays.
        if (dropBytes <= 0 || (onlyIfLarge && dropBytes < _inputBuffer.Length / 4))
        {
            return;
        }

        dropBytes = Math.Min(dropBytes, _inputBuffer.Length);
        _inputBuffer.DropFront((int)dropBytes);
        _bufferStartMs += format.BytesToMilliseconds(dropBytes);
    }

    private static IEnumerable<string> SplitKeepingSpaces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
