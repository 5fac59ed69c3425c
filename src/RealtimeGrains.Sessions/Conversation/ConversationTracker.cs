using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// Builds the authoritative item list from server events: items added and done, text and transcript
/// deltas, input transcriptions, truncations, retrieved items, deletions, usage. Also remembers how much
/// assistant audio arrived per item (for clamping a truncation). Not thread-safe: used from grain turns.
/// </summary>
internal sealed class ConversationTracker
{
    private readonly ConversationState _state;
    private readonly Dictionary<string, ConversationItem> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _audioBytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _responseStarts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ConversationTracker(ConversationState state, TimeProvider? time = null)
    {
        _state = state;
        _time = time ?? TimeProvider.System;
        foreach (var item in state.Items)
        {
            _byId[item.Id] = item;
        }
    }

    /// <summary>The response in progress upstream, if any.</summary>
    public string? ActiveResponseId { get; private set; }

    /// <summary>The assistant item whose audio arrived last.</summary>
    public string? LastAudioItemId { get; private set; }

    /// <summary>Whether an item with this id is known.</summary>
    public bool Contains(string itemId) => _byId.ContainsKey(itemId);

    /// <summary>The item with this id, or null.</summary>
    public ConversationItem? Find(string itemId) => _byId.GetValueOrDefault(itemId);

    /// <summary>Bytes of assistant audio received for an item (0 when none).</summary>
    public long ReceivedAudioBytes(string itemId) => _audioBytes.GetValueOrDefault(itemId);

    /// <summary>Forgets the active response (its upstream is gone) and marks its open items incomplete.</summary>
    /// <returns>Whether something changed that should be persisted.</returns>
    public bool AbandonActiveResponse()
    {
        ActiveResponseId = null;
        var changed = false;
        foreach (var item in _state.Items)
        {
            if (item.Status == "in_progress" && item.Role == "assistant")
            {
                item.Status = "incomplete";
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Applies one server event.</summary>
    /// <param name="serverEvent">The event.</param>
    /// <param name="outputFormat">The output audio format (for audio milliseconds).</param>
    /// <returns>Whether an item boundary was reached (the state should be persisted).</returns>
    public bool Apply(ServerEvent serverEvent, AudioFormat outputFormat)
    {
        switch (serverEvent)
        {
            case ResponseOutputAudioDeltaEvent audio when audio.ItemId is { } id:
                var bytes = _audioBytes.GetValueOrDefault(id) + audio.Delta.Length;
                _audioBytes[id] = bytes;
                LastAudioItemId = id;
                if (_byId.TryGetValue(id, out var spoken))
                {
                    spoken.HasAudio = true;
                    spoken.AudioMs = (int)outputFormat.BytesToWholeMilliseconds(bytes);
                }

                return false;
            case ResponseOutputAudioTranscriptDeltaEvent transcript when transcript.ItemId is { } id:
                if (_byId.TryGetValue(id, out var heard))
                {
                    heard.Transcript += transcript.Delta;
                }

                return false;
            case ResponseOutputTextDeltaEvent text when text.ItemId is { } id:
                if (_byId.TryGetValue(id, out var written))
                {
                    written.Text += text.Delta;
                }

                return false;
            case ConversationItemAddedEvent added when added.Item is { } item:
                Upsert(item, added.PreviousItemId);
                return false;
            case ResponseOutputItemAddedEvent outputAdded when outputAdded.Item is { } item:
                // Only conversation events add items: an out-of-band response's output is not part of the conversation.
                Upsert(item, null, createIfMissing: false);
                return false;
            case ConversationItemDoneEvent done when done.Item is { } item:
                Upsert(item, done.PreviousItemId);
                return true;
            case ResponseOutputItemDoneEvent outputDone when outputDone.Item is { } item:
                Upsert(item, null, createIfMissing: false);
                return true;
            case ConversationItemRetrievedEvent retrieved when retrieved.Item is { } item:
                Upsert(item, null, replaceWords: true);
                return true;
            case ConversationItemInputAudioTranscriptionCompletedEvent transcribed when transcribed.ItemId is { } id:
                if (_byId.TryGetValue(id, out var said))
                {
                    said.Transcript = transcribed.Transcript;
                    said.HasAudio = true;
                    said.CompletedAt ??= _time.GetUtcNow();
                }

                return true;
            case ConversationItemTruncatedEvent truncated when truncated.ItemId is { } id:
                if (_byId.TryGetValue(id, out var cut))
                {
                    cut.Truncated = true;
                    cut.AudioMs = truncated.AudioEndMs ?? cut.AudioMs;
                }

                return true;
            case ConversationItemDeletedEvent deleted when deleted.ItemId is { } id:
                if (_byId.Remove(id, out var gone))
                {
                    _state.Items.Remove(gone);
                }

                return true;
            case ResponseCreatedEvent { Response: { } started }:
                if (started.Id is { } startedId)
                {
                    _responseStarts[startedId] = _time.GetUtcNow();
                }

                if (started.ConversationId is not null)
                {
                    ActiveResponseId = started.Id;
                }

                return false;
            case ResponseDoneEvent responseDone:
                if (ActiveResponseId == responseDone.Response?.Id)
                {
                    ActiveResponseId = null;
                }

                AddUsage(responseDone.Response?.Usage);
                AddResponse(responseDone.Response);
                return true;
            default:
                return false;
        }
    }

    private void AddUsage(RealtimeUsage? usage)
    {
        _state.Usage.Responses++;
        if (usage is null)
        {
            return;
        }

        _state.Usage.InputTokens += usage.InputTokens ?? 0;
        _state.Usage.OutputTokens += usage.OutputTokens ?? 0;
        _state.Usage.TotalTokens += usage.TotalTokens ?? 0;
    }

    private void AddResponse(RealtimeResponse? response)
    {
        if (response is null)
        {
            return;
        }

        DateTimeOffset? started = response.Id is { } id && _responseStarts.Remove(id, out var at) ? at : null;
        _state.Responses.Add(new ResponseUsage
        {
            Id = response.Id,
            Status = response.Status,
            OutOfBand = response.ConversationId is null,
            StartedAt = started,
            CompletedAt = _time.GetUtcNow(),
            InputTokens = response.Usage?.InputTokens ?? 0,
            OutputTokens = response.Usage?.OutputTokens ?? 0,
            TotalTokens = response.Usage?.TotalTokens ?? 0,
            OutputItemIds = [.. (response.Output ?? []).Select(o => o.Id).OfType<string>()],
        });
    }

    private void Upsert(RealtimeItem source, string? previousItemId, bool replaceWords = false, bool createIfMissing = true)
    {
        if (source.Id is not { } id)
        {
            return;
        }

        if (!_byId.TryGetValue(id, out var item))
        {
            if (!createIfMissing)
            {
                return;
            }

            item = new ConversationItem { Id = id, Type = source.Type ?? ItemTypes.Message, CreatedAt = _time.GetUtcNow() };
            _byId[id] = item;
            var index = previousItemId is null ? -1 : _state.Items.FindIndex(i => i.Id == previousItemId);
            if (index >= 0 && index < _state.Items.Count - 1)
            {
                _state.Items.Insert(index + 1, item);
            }
            else
            {
                _state.Items.Add(item);
            }
        }

        item.Role = source.Role ?? item.Role;
        item.Status = source.Status ?? item.Status;
        // Items of state written before timestamps were kept have no creation time: a replay must not date them now.
        if (item.Status != "in_progress" && item.CompletedAt is null && item.CreatedAt is not null)
        {
            item.CompletedAt = _time.GetUtcNow();
        }

        item.CallId = source.CallId ?? item.CallId;
        item.Name = source.Name ?? item.Name;
        if (!string.IsNullOrEmpty(source.Arguments))
        {
            item.Arguments = source.Arguments;
        }

        item.Output = source.Output ?? item.Output;
        string? text = null;
        string? transcript = null;
        foreach (var part in source.Content ?? [])
        {
            switch (ContentPartTypes.ToModel(part.Type))
            {
                case ContentPartTypes.InputText or ContentPartTypes.OutputText:
                    text += part.Text;
                    break;
                case ContentPartTypes.InputAudio or ContentPartTypes.OutputAudio:
                    item.HasAudio = true;
                    transcript += part.Transcript;
                    break;
            }
        }

        if (replaceWords || !string.IsNullOrEmpty(text))
        {
            item.Text = text ?? (replaceWords ? item.Text : null);
        }

        if (replaceWords ? transcript is not null : !string.IsNullOrEmpty(transcript))
        {
            item.Transcript = transcript;
        }
    }
}
