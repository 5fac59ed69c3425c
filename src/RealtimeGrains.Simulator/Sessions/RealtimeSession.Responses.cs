using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Responses: create (with overrides and out-of-band), stream at the configured pace, cancel, finish with usage.</summary>
internal sealed partial class RealtimeSession
{
    private void HandleResponseCreate(ResponseOptions? options, string? eventId)
    {
        var outOfBand = options?.Conversation == "none";
        if (options?.Conversation is not (null or "auto" or "none"))
        {
            EmitError(ProtocolErrors.InvalidValue("response.conversation", $"Invalid value: '{options.Conversation}'. Supported values are: 'auto' and 'none'.", eventId));
            return;
        }

        if (!outOfBand && _active is not null)
        {
            EmitError(ProtocolErrors.Create(
                ProtocolErrorCodes.ConversationAlreadyHasActiveResponse,
                $"Conversation already has an active response in progress: {_active.Id}. Wait until the response is finished before creating a new one.",
                null,
                eventId));
            return;
        }

        if (options?.Modalities is { } modalities && (modalities.Count == 0 || modalities.Any(m => m is not ("audio" or "text"))))
        {
            EmitError(ProtocolErrors.InvalidValue("response.modalities", "Invalid modalities: use [\"text\"] or [\"audio\", \"text\"] (GA: [\"audio\"] or [\"text\"]).", eventId));
            return;
        }

        if (options?.MaxOutputTokens?.Limit is { } limit && (limit < 1 || limit > 4096))
        {
            EmitError(ProtocolErrors.InvalidValue("response.max_output_tokens", $"Invalid 'response.max_output_tokens': expected a value between 1 and 4096, but got {limit} instead.", eventId));
            return;
        }

        StartResponse(options, eventId);
    }

    private void StartResponse(ResponseOptions? options, string? eventId)
    {
        var settings = _settings;
        if (options is not null)
        {
            settings = settings with
            {
                AudioOutput = options.Modalities?.Contains("audio") ?? settings.AudioOutput,
                Voice = options.Voice ?? settings.Voice,
                OutputFormat = options.OutputAudioFormat is { IsKnown: true } format ? format : settings.OutputFormat,
                Tools = options.Tools is { } tools ? ModelTool.From(tools) : settings.Tools,
                ToolChoice = options.ToolChoice is { } choice ? ModelToolChoice.From(choice) : settings.ToolChoice,
                MaxOutputTokens = options.MaxOutputTokens is { } max ? max.Limit : settings.MaxOutputTokens,
            };
        }

        var context = options?.Input is { } input ? ResolveInput(input) : _items;
        var (userText, toolOutputs) = ReadContext(context);
        var turn = _model.Decide(userText, toolOutputs, settings.Tools, settings.ToolChoice);
        var outOfBand = options?.Conversation == "none";
        var response = new RealtimeResponse
        {
            Id = ProtocolIds.NewResponseId(),
            ObjectType = "realtime.response",
            Status = RealtimeResponse.Statuses.InProgress,
            Output = [],
            ConversationId = outOfBand ? null : _conversationId,
            Metadata = options?.Metadata,
            Modalities = settings.AudioOutput ? (_dialect == ProtocolDialect.Beta ? ["audio", "text"] : ["audio"]) : ["text"],
            Voice = settings.Voice,
            OutputAudioFormat = settings.OutputFormat,
            MaxOutputTokens = settings.MaxOutputTokens is { } tokens ? TokenLimit.Of(tokens) : TokenLimit.Infinite,
        };
        response.SetExplicitNull("status_details");
        response.SetExplicitNull("usage");
        if (outOfBand)
        {
            response.SetExplicitNull("conversation_id");
        }

        if (response.Metadata is null)
        {
            response.SetExplicitNull("metadata");
        }

        var run = new ResponseRun(response, !outOfBand, turn, settings);
        if (outOfBand)
        {
            _outOfBand.Add(run);
        }
        else
        {
            _active = run;
        }

        EmitResponseCreated(response);
        _ = GenerateAsync(run);
    }

    private List<ConversationEntry> ResolveInput(List<RealtimeItem> input)
    {
        var resolved = new List<ConversationEntry>(input.Count);
        foreach (var item in input)
        {
            if (item.Type == ItemTypes.ItemReference)
            {
                var existing = _items.Find(e => e.Id == item.Id);
                if (existing is not null)
                {
                    resolved.Add(existing);
                }
            }
            else
            {
                resolved.Add(new ConversationEntry(item)
                {
                    UnderstoodText = string.Join(' ', (item.Content ?? []).Select(p => p.Text ?? p.Transcript).Where(t => !string.IsNullOrEmpty(t))),
                });
            }
        }

        return resolved;
    }

    /// <summary>The latest user text, and the function outputs given after it.</summary>
    private static (string UserText, List<string> ToolOutputs) ReadContext(List<ConversationEntry> context)
    {
        var outputs = new List<string>();
        for (var i = context.Count - 1; i >= 0; i--)
        {
            var item = context[i].Item;
            if (item.Type == ItemTypes.FunctionCallOutput)
            {
                outputs.Insert(0, item.Output ?? string.Empty);
            }
            else if (item.Type == ItemTypes.Message && item.Role == "user")
            {
                return (context[i].UnderstoodText ?? string.Empty, outputs);
            }
        }

        return (string.Empty, outputs);
    }

    private async Task GenerateAsync(ResponseRun run)
    {
        var token = run.Cancellation.Token;
        try
        {
            var dropAfter = _faults.TakeDrop();
            if (dropAfter == 0)
            {
                _faults.CountDrop();
                _socket.Abort();
                return;
            }

            var stall = _faults.DrawStall();
            if (run.Turn.Calls.Count == 0)
            {
                await StreamMessageAsync(run, dropAfter, stall, token).ConfigureAwait(false);
            }
            else
            {
                foreach (var (name, arguments) in run.Turn.Calls)
                {
                    await WithGateAsync(() => EmitFunctionCall(run, name, arguments), token).ConfigureAwait(false);
                }
            }

            await WithGateAsync(() => FinishResponse(run, RealtimeResponse.Statuses.Completed, null), token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Cancelled: whoever cancelled finished the response.
        }
        catch (Exception ex)
        {
            // Never leave a response active forever: report it as failed and keep the session usable.
            LogResponseFailed(_logger, _sessionId, run.Id, ex);
            await FailResponseAsync(run).ConfigureAwait(false);
        }
    }

    private async Task FailResponseAsync(ResponseRun run)
    {
        try
        {
            await _gate.WaitAsync(_lifetime.Token).ConfigureAwait(false);
            try
            {
                run.Response.StatusDetails = new ResponseStatusDetails
                {
                    Type = RealtimeResponse.Statuses.Failed,
                    Error = ProtocolErrors.Create(null, "The server had an error while generating the response.", type: ProtocolErrorCodes.ServerError),
                };
                FinishResponse(run, RealtimeResponse.Statuses.Failed, null);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The session is ending anyway.
        }
    }

    private async Task WithGateAsync(Action action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StreamMessageAsync(ResponseRun run, int dropAfter, TimeSpan? stall, CancellationToken token)
    {
        var text = run.Turn.Text;
        var truncatedByLimit = false;
        if (run.Settings.MaxOutputTokens is { } limit && EstimateTokens(text) > limit)
        {
            text = text[..Math.Min(text.Length, limit * 4)];
            truncatedByLimit = true;
        }

        var audio = run.Settings.AudioOutput;
        ConversationEntry entry = null!;
        await WithGateAsync(() => entry = OpenMessage(run, audio), token).ConfigureAwait(false);
        if (!audio)
        {
            await WithGateAsync(
                () =>
                {
                    foreach (var word in SplitKeepingSpaces(text))
                    {
                        run.SentText.Append(word);
                        EmitTextDelta(run, entry, word);
                    }

                    CloseMessage(run, truncatedByLimit ? "incomplete" : "completed");
                },
                token).ConfigureAwait(false);
            run.Response.Status = truncatedByLimit ? RealtimeResponse.Statuses.Incomplete : run.Response.Status;
            return;
        }

        entry.SpokenText = text;
        var symbols = ToneCode.ToSymbols(text);
        var totalMs = ToneCode.DurationMs(text.Length);
        var chunkMs = _options.AudioChunkMs;
        var speed = _options.SpeedFactor;
        var started = _time.GetTimestamp();
        var firstAudioDelay = _faults.FirstAudioDelay;
        var nextChar = 0;
        for (var offsetMs = 0; offsetMs < totalMs; offsetMs += chunkMs)
        {
            var due = firstAudioDelay + (speed > 0 ? TimeSpan.FromMilliseconds(offsetMs / speed) : TimeSpan.Zero);
            var wait = due - _time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await _pacer.WaitUntilAsync(started + (long)(due.TotalSeconds * _time.TimestampFrequency), token).ConfigureAwait(false);
            }
            else if (speed == 0)
            {
                await Task.Yield();
            }

            if (speed > 0)
            {
                _inspector.RecordPacing(_time.GetElapsedTime(started) - due);
            }

            // Each chunk is rendered into the array that is then sent: nothing is held between chunks.
            var lengthMs = Math.Min(chunkMs, totalMs - offsetMs);
            var pcm = new byte[lengthMs * Pcm16.BytesPerMs24k];
            ToneCode.Render(symbols, (long)offsetMs * ToneCode.SampleRate / 1000, pcm);
            var payload = pcm;
            if (run.Settings.OutputFormat.Encoding != AudioEncoding.Pcm16)
            {
                payload = new byte[pcm.Length / 6];
                G711Audio.EncodeFromPcm16At24k(pcm, run.Settings.OutputFormat.Encoding, payload);
            }

            // Transcript deltas are whole words, sent just before the chunk in which the word starts to sound.
            var firstChar = nextChar;
            while (nextChar < text.Length && ToneCode.CharacterStartMs(nextChar) < offsetMs + lengthMs)
            {
                var wordEnd = text.IndexOf(' ', nextChar + 1);
                nextChar = wordEnd < 0 ? text.Length : wordEnd;
            }

            var transcriptDelta = text[firstChar..nextChar];
            var drop = false;
            await WithGateAsync(
                () =>
                {
                    if (run.Finished)
                    {
                        return;
                    }

                    if (transcriptDelta.Length > 0)
                    {
                        run.SentText.Append(transcriptDelta);
                        EmitTranscriptDelta(run, entry, transcriptDelta);
                    }

                    EmitAudioDelta(run, entry, payload);
                    if (stall is { } hold && run.AudioDeltasSent == 0)
                    {
                        // The service goes quiet in the middle of the response, after its first audio.
                        _faults.CountStall();
                        _socket.StallFor(hold);
                    }

                    _audioProduced = true;
                    run.AudioMsSent += lengthMs;
                    run.AudioDeltasSent++;
                    entry.AudioMs = run.AudioMsSent;
                    drop = dropAfter > 0 && run.AudioDeltasSent >= dropAfter;
                },
                token).ConfigureAwait(false);
            if (drop)
            {
                _faults.CountDrop();
                _socket.Abort();
                await run.Cancellation.CancelAsync().ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
            }
        }

        await WithGateAsync(() => CloseMessage(run, truncatedByLimit ? "incomplete" : "completed"), token).ConfigureAwait(false);
        if (truncatedByLimit)
        {
            run.Response.Status = RealtimeResponse.Statuses.Incomplete;
        }
    }

    private ConversationEntry OpenMessage(ResponseRun run, bool audio)
    {
        var part = audio
            ? new ContentPart { Type = ContentPartTypes.OutputAudio, Transcript = string.Empty }
            : new ContentPart { Type = ContentPartTypes.OutputText, Text = string.Empty };
        var item = new RealtimeItem { Id = ProtocolIds.NewItemId(), ObjectType = "realtime.item", Type = ItemTypes.Message, Status = "in_progress", Role = "assistant", Content = [] };
        var entry = new ConversationEntry(item);
        AddOutputItem(run, entry);
        item.Content.Add(part);
        run.OpenItem = entry;
        run.PartOpen = true;
        run.SentText.Clear();
        EmitContentPartAdded(run, entry, new ContentPart { Type = part.Type, Transcript = part.Transcript, Text = part.Text });
        return entry;
    }

    private void AddOutputItem(ResponseRun run, ConversationEntry entry)
    {
        var outputIndex = run.Response.Output!.Count;
        var previous = _items.Count > 0 ? _items[^1].Id : null;
        EmitOutputItemAdded(run, outputIndex, entry.Item);
        run.Response.Output.Add(entry.Item);
        if (run.InConversation)
        {
            _items.Add(entry);
            EmitItemAdded(previous, entry.Item);
            SnapshotItems();
        }
    }

    /// <summary>Sends the done events of the open message (its part, then the item) with what was actually sent.</summary>
    private void CloseMessage(ResponseRun run, string status)
    {
        if (run.OpenItem is not { } entry)
        {
            return;
        }

        var part = entry.Item.Content![0];
        var sent = run.SentText.ToString();
        if (run.PartOpen)
        {
            if (ContentPartTypes.ToModel(part.Type) == ContentPartTypes.OutputAudio)
            {
                part.Transcript = sent;
                entry.SpokenText = sent.Length == (entry.SpokenText?.Length ?? 0) ? entry.SpokenText : sent;
                EmitAudioDone(run, entry);
                EmitTranscriptDone(run, entry, sent);
                run.OutputAudioMs += run.AudioMsSent;
            }
            else
            {
                part.Text = sent;
                EmitTextDone(run, entry, sent);
            }

            run.OutputTextTokens += EstimateTokens(sent);
            EmitContentPartDone(run, entry, part);
            run.PartOpen = false;
        }

        entry.Item.Status = status;
        EmitOutputItemDone(run, entry.Item);
        if (run.InConversation)
        {
            EmitItemDone(PreviousId(entry), entry.Item);
        }

        run.OpenItem = null;
        SnapshotItems();
    }

    private void EmitFunctionCall(ResponseRun run, string name, string arguments)
    {
        if (run.Finished)
        {
            return;
        }

        var item = new RealtimeItem
        {
            Id = ProtocolIds.NewItemId(),
            ObjectType = "realtime.item",
            Type = ItemTypes.FunctionCall,
            Status = "in_progress",
            Name = name,
            CallId = ProtocolIds.NewCallId(),
            Arguments = string.Empty,
        };
        var entry = new ConversationEntry(item);
        AddOutputItem(run, entry);
        var third = Math.Max(1, arguments.Length / 3);
        for (var offset = 0; offset < arguments.Length; offset += third)
        {
            EmitArgumentsDelta(run, entry, arguments.Substring(offset, Math.Min(third, arguments.Length - offset)));
        }

        item.Arguments = arguments;
        EmitArgumentsDone(run, entry);
        item.Status = "completed";
        run.OutputTextTokens += EstimateTokens(arguments);
        EmitOutputItemDone(run, item);
        if (run.InConversation)
        {
            EmitItemDone(PreviousId(entry), item);
        }

        SnapshotItems();
    }

    private void HandleResponseCancel(string? responseId, string? eventId)
    {
        var run = responseId is null ? _active : _active?.Id == responseId ? _active : _outOfBand.Find(r => r.Id == responseId);
        if (run is null || run.Finished)
        {
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.ResponseCancelNotActive, "Cancellation failed: no active response found", null, eventId));
            return;
        }

        FinishResponse(run, RealtimeResponse.Statuses.Cancelled, "client_cancelled");
    }

    /// <summary>Ends a response exactly once: closes what is open, then <c>response.done</c> with usage and <c>rate_limits.updated</c>.</summary>
    private void FinishResponse(ResponseRun run, string status, string? reason)
    {
        if (run.Finished)
        {
            return;
        }

        run.Finished = true;
        run.Cancellation.Cancel();
        CloseMessage(run, status == RealtimeResponse.Statuses.Completed ? "completed" : "incomplete");
        if (run.Response.Status == RealtimeResponse.Statuses.Incomplete && status == RealtimeResponse.Statuses.Completed)
        {
            status = RealtimeResponse.Statuses.Incomplete;
            reason = "max_output_tokens";
        }

        run.Response.Status = status;
        if (status != RealtimeResponse.Statuses.Completed)
        {
            run.Response.StatusDetails ??= new ResponseStatusDetails { Type = status, Reason = reason };
            run.Response.SetExplicitNull("status_details", false);
        }

        run.Response.Usage = ComputeUsage(run);
        run.Response.SetExplicitNull("usage", false);
        EmitResponseDone(run.Response);
        _tokensUsed += run.Response.Usage.TotalTokens ?? 0;
        EmitRateLimits(
        [
            new RateLimit { Name = "requests", Limit = 5000, Remaining = 4999, ResetSeconds = 0.012 },
            new RateLimit { Name = "tokens", Limit = 800_000, Remaining = Math.Max(0, 800_000 - _tokensUsed), ResetSeconds = Math.Round(_tokensUsed * 0.0000075 * 60, 3) },
        ]);
        if (_active == run)
        {
            _active = null;
            _idleSinceMs = AudioClockMs;
        }
        else
        {
            _outOfBand.Remove(run);
        }
    }

    private RealtimeUsage ComputeUsage(ResponseRun run)
    {
        var context = run.InConversation ? _items : [];
        var inputText = context.Sum(e => EstimateTokens(e.UnderstoodText ?? e.SpokenText ?? e.Item.Arguments ?? e.Item.Output ?? string.Empty));
        var inputAudio = context.Sum(e => e.AudioMs / 100);
        var outputAudio = run.OutputAudioMs / 50;
        var output = run.OutputTextTokens + outputAudio;
        return new RealtimeUsage
        {
            InputTokens = inputText + inputAudio,
            OutputTokens = output,
            TotalTokens = inputText + inputAudio + output,
            InputTokenDetails = new InputTokenDetails { CachedTokens = 0, TextTokens = inputText, AudioTokens = inputAudio, CachedTokensDetails = new CachedTokensDetails { TextTokens = 0, AudioTokens = 0 } },
            OutputTokenDetails = new OutputTokenDetails { TextTokens = run.OutputTextTokens, AudioTokens = outputAudio },
        };
    }

    private string? PreviousId(ConversationEntry entry)
    {
        var index = _items.IndexOf(entry);
        return index > 0 ? _items[index - 1].Id : null;
    }

    private static int EstimateTokens(string text) => (text.Length + 3) / 4;
}
