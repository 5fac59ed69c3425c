using System.Collections.Frozen;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>
/// Every known event: its class, direction, GA name and beta name (null = GA-only: the beta writer skips it and a
/// beta reader sees an unknown event).
/// Reading looks names up per dialect; a few extra names read as an existing class (see <see cref="Aliases"/>).
/// </summary>
internal static class EventRegistry
{
    public static readonly EventRegistration[] All =
    [
        new(typeof(SessionUpdateEvent), EventKind.Client, EventNames.SessionUpdate, EventNames.SessionUpdate),
        new(typeof(InputAudioBufferCommitEvent), EventKind.Client, EventNames.InputAudioBufferCommit, EventNames.InputAudioBufferCommit),
        new(typeof(InputAudioBufferClearEvent), EventKind.Client, EventNames.InputAudioBufferClear, EventNames.InputAudioBufferClear),
        new(typeof(ConversationItemCreateEvent), EventKind.Client, EventNames.ConversationItemCreate, EventNames.ConversationItemCreate),
        new(typeof(ConversationItemRetrieveEvent), EventKind.Client, EventNames.ConversationItemRetrieve, EventNames.ConversationItemRetrieve),
        new(typeof(ConversationItemTruncateEvent), EventKind.Client, EventNames.ConversationItemTruncate, EventNames.ConversationItemTruncate),
        new(typeof(ConversationItemDeleteEvent), EventKind.Client, EventNames.ConversationItemDelete, EventNames.ConversationItemDelete),
        new(typeof(ResponseCreateEvent), EventKind.Client, EventNames.ResponseCreate, EventNames.ResponseCreate),
        new(typeof(ResponseCancelEvent), EventKind.Client, EventNames.ResponseCancel, EventNames.ResponseCancel),
        new(typeof(OutputAudioBufferClearEvent), EventKind.Client, EventNames.OutputAudioBufferClear, EventNames.OutputAudioBufferClear),
        new(typeof(SessionCloseEvent), EventKind.Client, EventNames.SessionClose, null),
        new(typeof(ErrorEvent), EventKind.Server, EventNames.Error, EventNames.Error),
        new(typeof(SessionCreatedEvent), EventKind.Server, EventNames.SessionCreated, EventNames.SessionCreated),
        new(typeof(SessionUpdatedEvent), EventKind.Server, EventNames.SessionUpdated, EventNames.SessionUpdated),
        new(typeof(ConversationCreatedEvent), EventKind.Server, EventNames.ConversationCreated, EventNames.ConversationCreated),
        new(typeof(ConversationItemAddedEvent), EventKind.Server, EventNames.ConversationItemAdded, EventNames.BetaConversationItemAdded),
        new(typeof(ConversationItemDoneEvent), EventKind.Server, EventNames.ConversationItemDone, null),
        new(typeof(ConversationItemRetrievedEvent), EventKind.Server, EventNames.ConversationItemRetrieved, EventNames.ConversationItemRetrieved),
        new(typeof(ConversationItemInputAudioTranscriptionDeltaEvent), EventKind.Server, EventNames.ConversationItemInputAudioTranscriptionDelta, EventNames.ConversationItemInputAudioTranscriptionDelta),
        new(typeof(ConversationItemInputAudioTranscriptionCompletedEvent), EventKind.Server, EventNames.ConversationItemInputAudioTranscriptionCompleted, EventNames.ConversationItemInputAudioTranscriptionCompleted),
        new(typeof(ConversationItemInputAudioTranscriptionFailedEvent), EventKind.Server, EventNames.ConversationItemInputAudioTranscriptionFailed, EventNames.ConversationItemInputAudioTranscriptionFailed),
        new(typeof(ConversationItemInputAudioTranscriptionSegmentEvent), EventKind.Server, EventNames.ConversationItemInputAudioTranscriptionSegment, null),
        new(typeof(ConversationItemTruncatedEvent), EventKind.Server, EventNames.ConversationItemTruncated, EventNames.ConversationItemTruncated),
        new(typeof(ConversationItemDeletedEvent), EventKind.Server, EventNames.ConversationItemDeleted, EventNames.ConversationItemDeleted),
        new(typeof(InputAudioBufferCommittedEvent), EventKind.Server, EventNames.InputAudioBufferCommitted, EventNames.InputAudioBufferCommitted),
        new(typeof(InputAudioBufferClearedEvent), EventKind.Server, EventNames.InputAudioBufferCleared, EventNames.InputAudioBufferCleared),
        new(typeof(InputAudioBufferSpeechStartedEvent), EventKind.Server, EventNames.InputAudioBufferSpeechStarted, EventNames.InputAudioBufferSpeechStarted),
        new(typeof(InputAudioBufferSpeechStoppedEvent), EventKind.Server, EventNames.InputAudioBufferSpeechStopped, EventNames.InputAudioBufferSpeechStopped),
        new(typeof(InputAudioBufferTimeoutTriggeredEvent), EventKind.Server, EventNames.InputAudioBufferTimeoutTriggered, null),
        new(typeof(InputAudioBufferDtmfEventReceivedEvent), EventKind.Server, EventNames.InputAudioBufferDtmfEventReceived, null),
        new(typeof(ResponseCreatedEvent), EventKind.Server, EventNames.ResponseCreated, EventNames.ResponseCreated),
        new(typeof(ResponseDoneEvent), EventKind.Server, EventNames.ResponseDone, EventNames.ResponseDone),
        new(typeof(ResponseOutputItemAddedEvent), EventKind.Server, EventNames.ResponseOutputItemAdded, EventNames.ResponseOutputItemAdded),
        new(typeof(ResponseOutputItemDoneEvent), EventKind.Server, EventNames.ResponseOutputItemDone, EventNames.ResponseOutputItemDone),
        new(typeof(ResponseContentPartAddedEvent), EventKind.Server, EventNames.ResponseContentPartAdded, EventNames.ResponseContentPartAdded),
        new(typeof(ResponseContentPartDoneEvent), EventKind.Server, EventNames.ResponseContentPartDone, EventNames.ResponseContentPartDone),
        new(typeof(ResponseOutputTextDeltaEvent), EventKind.Server, EventNames.ResponseOutputTextDelta, EventNames.BetaResponseOutputTextDelta),
        new(typeof(ResponseOutputTextDoneEvent), EventKind.Server, EventNames.ResponseOutputTextDone, EventNames.BetaResponseOutputTextDone),
        new(typeof(ResponseOutputAudioDoneEvent), EventKind.Server, EventNames.ResponseOutputAudioDone, EventNames.BetaResponseOutputAudioDone),
        new(typeof(ResponseOutputAudioTranscriptDeltaEvent), EventKind.Server, EventNames.ResponseOutputAudioTranscriptDelta, EventNames.BetaResponseOutputAudioTranscriptDelta),
        new(typeof(ResponseOutputAudioTranscriptDoneEvent), EventKind.Server, EventNames.ResponseOutputAudioTranscriptDone, EventNames.BetaResponseOutputAudioTranscriptDone),
        new(typeof(ResponseFunctionCallArgumentsDeltaEvent), EventKind.Server, EventNames.ResponseFunctionCallArgumentsDelta, EventNames.ResponseFunctionCallArgumentsDelta),
        new(typeof(ResponseFunctionCallArgumentsDoneEvent), EventKind.Server, EventNames.ResponseFunctionCallArgumentsDone, EventNames.ResponseFunctionCallArgumentsDone),
        new(typeof(RateLimitsUpdatedEvent), EventKind.Server, EventNames.RateLimitsUpdated, EventNames.RateLimitsUpdated),
        new(typeof(OutputAudioBufferStartedEvent), EventKind.Server, EventNames.OutputAudioBufferStarted, EventNames.OutputAudioBufferStarted),
        new(typeof(OutputAudioBufferStoppedEvent), EventKind.Server, EventNames.OutputAudioBufferStopped, EventNames.OutputAudioBufferStopped),
        new(typeof(OutputAudioBufferClearedEvent), EventKind.Server, EventNames.OutputAudioBufferCleared, EventNames.OutputAudioBufferCleared),
        new(typeof(McpListToolsInProgressEvent), EventKind.Server, EventNames.McpListToolsInProgress, null),
        new(typeof(McpListToolsCompletedEvent), EventKind.Server, EventNames.McpListToolsCompleted, null),
        new(typeof(McpListToolsFailedEvent), EventKind.Server, EventNames.McpListToolsFailed, null),
        new(typeof(ResponseMcpCallArgumentsDeltaEvent), EventKind.Server, EventNames.ResponseMcpCallArgumentsDelta, null),
        new(typeof(ResponseMcpCallArgumentsDoneEvent), EventKind.Server, EventNames.ResponseMcpCallArgumentsDone, null),
        new(typeof(ResponseMcpCallInProgressEvent), EventKind.Server, EventNames.ResponseMcpCallInProgress, null),
        new(typeof(ResponseMcpCallCompletedEvent), EventKind.Server, EventNames.ResponseMcpCallCompleted, null),
        new(typeof(ResponseMcpCallFailedEvent), EventKind.Server, EventNames.ResponseMcpCallFailed, null),
        new(typeof(InputAudioBufferAppendEvent), EventKind.Client, EventNames.InputAudioBufferAppend, EventNames.InputAudioBufferAppend),
        new(typeof(ResponseOutputAudioDeltaEvent), EventKind.Server, EventNames.ResponseOutputAudioDelta, EventNames.BetaResponseOutputAudioDelta),
    ];

    // Names that read as an existing class: (dialect, kind, wire name, class).
    private static readonly (ProtocolDialect Dialect, EventKind Kind, string Name, Type ClrType)[] Aliases =
    [
        (ProtocolDialect.GA, EventKind.Server, EventNames.BetaConversationItemAdded, typeof(ConversationItemAddedEvent)),
        (ProtocolDialect.Beta, EventKind.Client, EventNames.BetaTranscriptionSessionUpdate, typeof(SessionUpdateEvent)),
        (ProtocolDialect.Beta, EventKind.Server, EventNames.BetaTranscriptionSessionCreated, typeof(SessionCreatedEvent)),
        (ProtocolDialect.Beta, EventKind.Server, EventNames.BetaTranscriptionSessionUpdated, typeof(SessionUpdatedEvent)),
    ];

    private static readonly FrozenDictionary<Type, EventRegistration> ByType = All.ToFrozenDictionary(static r => r.ClrType);

    private static readonly FrozenDictionary<(ProtocolDialect, EventKind, string), EventRegistration> ByName = BuildByName();

    public static EventRegistration? Find(Type clrType) => ByType.GetValueOrDefault(clrType);

    public static EventRegistration? Find(ProtocolDialect dialect, EventKind kind, string wireName) =>
        ByName.GetValueOrDefault((dialect, kind, wireName));

    public static IEnumerable<string> Names(ProtocolDialect dialect, EventKind kind) =>
        ByName.Keys.Where(k => k.Item1 == dialect && k.Item2 == kind).Select(static k => k.Item3).Order(StringComparer.Ordinal);

    private static FrozenDictionary<(ProtocolDialect, EventKind, string), EventRegistration> BuildByName()
    {
        var map = new Dictionary<(ProtocolDialect, EventKind, string), EventRegistration>();
        foreach (var r in All)
        {
            map[(ProtocolDialect.GA, r.Kind, r.GaName)] = r;
            if (r.BetaName is not null)
            {
                map[(ProtocolDialect.Beta, r.Kind, r.BetaName)] = r;
            }
        }

        foreach (var (dialect, kind, name, clrType) in Aliases)
        {
            map[(dialect, kind, name)] = ByType[clrType];
        }

        return map.ToFrozenDictionary();
    }
}
