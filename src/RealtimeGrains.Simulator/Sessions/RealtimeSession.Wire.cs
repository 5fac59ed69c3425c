using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Every server event the session sends, built from the protocol library's typed events and written for the session's dialect.</summary>
internal sealed partial class RealtimeSession
{
    private void Send(ServerEvent serverEvent)
    {
        serverEvent.EventId = ProtocolIds.NewEventId();
        _socket.Send(WriteEvent(serverEvent));
    }

    private void EmitError(ProtocolError error)
    {
        LogClientError(_logger, _sessionId, error.Code, error.Message);
        Send(new ErrorEvent { Error = error });
    }

    private void EmitSessionCreated() => Send(new SessionCreatedEvent { Session = _config });

    private void EmitSessionUpdated() => Send(new SessionUpdatedEvent { Session = _config });

    private void EmitConversationCreated() =>
        Send(new ConversationCreatedEvent { Conversation = new RealtimeConversation { Id = _conversationId, ObjectType = "realtime.conversation" } });

    /// <summary>Beta: <c>conversation.item.created</c>; GA: <c>conversation.item.added</c>.</summary>
    private void EmitItemAdded(string? previousItemId, RealtimeItem item) =>
        Send(new ConversationItemAddedEvent { PreviousItemId = previousItemId, Item = item });

    /// <summary>GA only: <c>conversation.item.done</c>.</summary>
    private void EmitItemDone(string? previousItemId, RealtimeItem item)
    {
        if (_dialect == ProtocolDialect.GA)
        {
            Send(new ConversationItemDoneEvent { PreviousItemId = previousItemId, Item = item });
        }
    }

    private void EmitItemRetrieved(ConversationEntry entry)
    {
        var item = CopyItem(entry.Item);
        if (entry.InputAudio is { } audio && item.Content is [var part, ..])
        {
            part.Audio = Convert.ToBase64String(audio);
        }

        Send(new ConversationItemRetrievedEvent { Item = item });
    }

    private void EmitItemDeleted(string itemId) => Send(new ConversationItemDeletedEvent { ItemId = itemId });

    private void EmitItemTruncated(string itemId, int contentIndex, int audioEndMs) =>
        Send(new ConversationItemTruncatedEvent { ItemId = itemId, ContentIndex = contentIndex, AudioEndMs = audioEndMs });

    private void EmitBufferCommitted(string? previousItemId, string itemId) =>
        Send(new InputAudioBufferCommittedEvent { PreviousItemId = previousItemId, ItemId = itemId });

    private void EmitBufferCleared() => Send(new InputAudioBufferClearedEvent());

    private void EmitSpeechStarted(long audioStartMs, string itemId) =>
        Send(new InputAudioBufferSpeechStartedEvent { AudioStartMs = (int)audioStartMs, ItemId = itemId });

    private void EmitSpeechStopped(long audioEndMs, string itemId) =>
        Send(new InputAudioBufferSpeechStoppedEvent { AudioEndMs = (int)audioEndMs, ItemId = itemId });

    private void EmitTranscriptionDelta(string itemId, string delta) =>
        Send(new ConversationItemInputAudioTranscriptionDeltaEvent { ItemId = itemId, ContentIndex = 0, Delta = delta });

    private void EmitTranscriptionCompleted(string itemId, string transcript) =>
        Send(new ConversationItemInputAudioTranscriptionCompletedEvent { ItemId = itemId, ContentIndex = 0, Transcript = transcript });

    private void EmitResponseCreated(RealtimeResponse response) => Send(new ResponseCreatedEvent { Response = response });

    private void EmitResponseDone(RealtimeResponse response) => Send(new ResponseDoneEvent { Response = response });

    private void EmitRateLimits(List<RateLimit> limits) => Send(new RateLimitsUpdatedEvent { RateLimits = limits });

    private void EmitOutputItemAdded(ResponseRun run, int outputIndex, RealtimeItem item) =>
        Send(new ResponseOutputItemAddedEvent { ResponseId = run.Id, OutputIndex = outputIndex, Item = item });

    private void EmitOutputItemDone(ResponseRun run, RealtimeItem item) =>
        Send(new ResponseOutputItemDoneEvent { ResponseId = run.Id, OutputIndex = run.Response.Output!.IndexOf(item), Item = item });

    private void EmitContentPartAdded(ResponseRun run, ConversationEntry entry, ContentPart part) =>
        Send(new ResponseContentPartAddedEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Part = part });

    private void EmitContentPartDone(ResponseRun run, ConversationEntry entry, ContentPart part) =>
        Send(new ResponseContentPartDoneEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Part = part });

    private void EmitTextDelta(ResponseRun run, ConversationEntry entry, string delta) =>
        Send(new ResponseOutputTextDeltaEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Delta = delta });

    private void EmitTextDone(ResponseRun run, ConversationEntry entry, string text) =>
        Send(new ResponseOutputTextDoneEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Text = text });

    private void EmitTranscriptDelta(ResponseRun run, ConversationEntry entry, string delta) =>
        Send(new ResponseOutputAudioTranscriptDeltaEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Delta = delta });

    private void EmitTranscriptDone(ResponseRun run, ConversationEntry entry, string transcript) =>
        Send(new ResponseOutputAudioTranscriptDoneEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0, Transcript = transcript });

    private void EmitAudioDone(ResponseRun run, ConversationEntry entry) =>
        Send(new ResponseOutputAudioDoneEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), ContentIndex = 0 });

    private void EmitArgumentsDelta(ResponseRun run, ConversationEntry entry, string delta) =>
        Send(new ResponseFunctionCallArgumentsDeltaEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), CallId = entry.Item.CallId, Delta = delta });

    private void EmitArgumentsDone(ResponseRun run, ConversationEntry entry) =>
        Send(new ResponseFunctionCallArgumentsDoneEvent { ResponseId = run.Id, ItemId = entry.Id, OutputIndex = OutputIndex(run, entry), CallId = entry.Item.CallId, Name = entry.Item.Name, Arguments = entry.Item.Arguments });

    private static int OutputIndex(ResponseRun run, ConversationEntry entry) => run.Response.Output!.IndexOf(entry.Item);
}
