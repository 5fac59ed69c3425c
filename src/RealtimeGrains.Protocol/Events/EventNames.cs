namespace RealtimeGrains.Protocol;

/// <summary>
/// Wire names of every event (GA name; the <c>Beta…</c> constants are the beta names of renamed events) and
/// the name a writer uses per dialect.
/// </summary>
public static partial class EventNames
{
    /// <summary><c>conversation.item.create</c> (client).</summary>
    public const string ConversationItemCreate = "conversation.item.create";

    /// <summary><c>conversation.item.delete</c> (client).</summary>
    public const string ConversationItemDelete = "conversation.item.delete";

    /// <summary><c>conversation.item.retrieve</c> (client).</summary>
    public const string ConversationItemRetrieve = "conversation.item.retrieve";

    /// <summary><c>conversation.item.truncate</c> (client).</summary>
    public const string ConversationItemTruncate = "conversation.item.truncate";

    /// <summary><c>input_audio_buffer.append</c> (client).</summary>
    public const string InputAudioBufferAppend = "input_audio_buffer.append";

    /// <summary><c>input_audio_buffer.clear</c> (client).</summary>
    public const string InputAudioBufferClear = "input_audio_buffer.clear";

    /// <summary><c>input_audio_buffer.commit</c> (client).</summary>
    public const string InputAudioBufferCommit = "input_audio_buffer.commit";

    /// <summary><c>output_audio_buffer.clear</c> (client).</summary>
    public const string OutputAudioBufferClear = "output_audio_buffer.clear";

    /// <summary><c>response.cancel</c> (client).</summary>
    public const string ResponseCancel = "response.cancel";

    /// <summary><c>response.create</c> (client).</summary>
    public const string ResponseCreate = "response.create";

    /// <summary><c>session.close</c> (client).</summary>
    public const string SessionClose = "session.close";

    /// <summary><c>session.update</c> (client).</summary>
    public const string SessionUpdate = "session.update";

    /// <summary><c>conversation.created</c> (server).</summary>
    public const string ConversationCreated = "conversation.created";

    /// <summary><c>conversation.item.added</c> (server).</summary>
    public const string ConversationItemAdded = "conversation.item.added";

    /// <summary><c>conversation.item.deleted</c> (server).</summary>
    public const string ConversationItemDeleted = "conversation.item.deleted";

    /// <summary><c>conversation.item.done</c> (server).</summary>
    public const string ConversationItemDone = "conversation.item.done";

    /// <summary><c>conversation.item.input_audio_transcription.completed</c> (server).</summary>
    public const string ConversationItemInputAudioTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";

    /// <summary><c>conversation.item.input_audio_transcription.delta</c> (server).</summary>
    public const string ConversationItemInputAudioTranscriptionDelta = "conversation.item.input_audio_transcription.delta";

    /// <summary><c>conversation.item.input_audio_transcription.failed</c> (server).</summary>
    public const string ConversationItemInputAudioTranscriptionFailed = "conversation.item.input_audio_transcription.failed";

    /// <summary><c>conversation.item.input_audio_transcription.segment</c> (server).</summary>
    public const string ConversationItemInputAudioTranscriptionSegment = "conversation.item.input_audio_transcription.segment";

    /// <summary><c>conversation.item.retrieved</c> (server).</summary>
    public const string ConversationItemRetrieved = "conversation.item.retrieved";

    /// <summary><c>conversation.item.truncated</c> (server).</summary>
    public const string ConversationItemTruncated = "conversation.item.truncated";

    /// <summary><c>error</c> (server).</summary>
    public const string Error = "error";

    /// <summary><c>input_audio_buffer.cleared</c> (server).</summary>
    public const string InputAudioBufferCleared = "input_audio_buffer.cleared";

    /// <summary><c>input_audio_buffer.committed</c> (server).</summary>
    public const string InputAudioBufferCommitted = "input_audio_buffer.committed";

    /// <summary><c>input_audio_buffer.dtmf_event_received</c> (server).</summary>
    public const string InputAudioBufferDtmfEventReceived = "input_audio_buffer.dtmf_event_received";

    /// <summary><c>input_audio_buffer.speech_started</c> (server).</summary>
    public const string InputAudioBufferSpeechStarted = "input_audio_buffer.speech_started";

    /// <summary><c>input_audio_buffer.speech_stopped</c> (server).</summary>
    public const string InputAudioBufferSpeechStopped = "input_audio_buffer.speech_stopped";

    /// <summary><c>input_audio_buffer.timeout_triggered</c> (server).</summary>
    public const string InputAudioBufferTimeoutTriggered = "input_audio_buffer.timeout_triggered";

    /// <summary><c>mcp_list_tools.completed</c> (server).</summary>
    public const string McpListToolsCompleted = "mcp_list_tools.completed";

    /// <summary><c>mcp_list_tools.failed</c> (server).</summary>
    public const string McpListToolsFailed = "mcp_list_tools.failed";

    /// <summary><c>mcp_list_tools.in_progress</c> (server).</summary>
    public const string McpListToolsInProgress = "mcp_list_tools.in_progress";

    /// <summary><c>output_audio_buffer.cleared</c> (server).</summary>
    public const string OutputAudioBufferCleared = "output_audio_buffer.cleared";

    /// <summary><c>output_audio_buffer.started</c> (server).</summary>
    public const string OutputAudioBufferStarted = "output_audio_buffer.started";

    /// <summary><c>output_audio_buffer.stopped</c> (server).</summary>
    public const string OutputAudioBufferStopped = "output_audio_buffer.stopped";

    /// <summary><c>rate_limits.updated</c> (server).</summary>
    public const string RateLimitsUpdated = "rate_limits.updated";

    /// <summary><c>response.content_part.added</c> (server).</summary>
    public const string ResponseContentPartAdded = "response.content_part.added";

    /// <summary><c>response.content_part.done</c> (server).</summary>
    public const string ResponseContentPartDone = "response.content_part.done";

    /// <summary><c>response.created</c> (server).</summary>
    public const string ResponseCreated = "response.created";

    /// <summary><c>response.done</c> (server).</summary>
    public const string ResponseDone = "response.done";

    /// <summary><c>response.function_call_arguments.delta</c> (server).</summary>
    public const string ResponseFunctionCallArgumentsDelta = "response.function_call_arguments.delta";

    /// <summary><c>response.function_call_arguments.done</c> (server).</summary>
    public const string ResponseFunctionCallArgumentsDone = "response.function_call_arguments.done";

    /// <summary><c>response.mcp_call.completed</c> (server).</summary>
    public const string ResponseMcpCallCompleted = "response.mcp_call.completed";

    /// <summary><c>response.mcp_call.failed</c> (server).</summary>
    public const string ResponseMcpCallFailed = "response.mcp_call.failed";

    /// <summary><c>response.mcp_call.in_progress</c> (server).</summary>
    public const string ResponseMcpCallInProgress = "response.mcp_call.in_progress";

    /// <summary><c>response.mcp_call_arguments.delta</c> (server).</summary>
    public const string ResponseMcpCallArgumentsDelta = "response.mcp_call_arguments.delta";

    /// <summary><c>response.mcp_call_arguments.done</c> (server).</summary>
    public const string ResponseMcpCallArgumentsDone = "response.mcp_call_arguments.done";

    /// <summary><c>response.output_audio.delta</c> (server).</summary>
    public const string ResponseOutputAudioDelta = "response.output_audio.delta";

    /// <summary><c>response.output_audio.done</c> (server).</summary>
    public const string ResponseOutputAudioDone = "response.output_audio.done";

    /// <summary><c>response.output_audio_transcript.delta</c> (server).</summary>
    public const string ResponseOutputAudioTranscriptDelta = "response.output_audio_transcript.delta";

    /// <summary><c>response.output_audio_transcript.done</c> (server).</summary>
    public const string ResponseOutputAudioTranscriptDone = "response.output_audio_transcript.done";

    /// <summary><c>response.output_item.added</c> (server).</summary>
    public const string ResponseOutputItemAdded = "response.output_item.added";

    /// <summary><c>response.output_item.done</c> (server).</summary>
    public const string ResponseOutputItemDone = "response.output_item.done";

    /// <summary><c>response.output_text.delta</c> (server).</summary>
    public const string ResponseOutputTextDelta = "response.output_text.delta";

    /// <summary><c>response.output_text.done</c> (server).</summary>
    public const string ResponseOutputTextDone = "response.output_text.done";

    /// <summary><c>session.created</c> (server).</summary>
    public const string SessionCreated = "session.created";

    /// <summary><c>session.updated</c> (server).</summary>
    public const string SessionUpdated = "session.updated";

    /// <summary>Beta name <c>conversation.item.created</c> of <see cref="ConversationItemAdded"/>.</summary>
    public const string BetaConversationItemAdded = "conversation.item.created";

    /// <summary>Beta name <c>response.text.delta</c> of <see cref="ResponseOutputTextDelta"/>.</summary>
    public const string BetaResponseOutputTextDelta = "response.text.delta";

    /// <summary>Beta name <c>response.text.done</c> of <see cref="ResponseOutputTextDone"/>.</summary>
    public const string BetaResponseOutputTextDone = "response.text.done";

    /// <summary>Beta name <c>response.audio.done</c> of <see cref="ResponseOutputAudioDone"/>.</summary>
    public const string BetaResponseOutputAudioDone = "response.audio.done";

    /// <summary>Beta name <c>response.audio_transcript.delta</c> of <see cref="ResponseOutputAudioTranscriptDelta"/>.</summary>
    public const string BetaResponseOutputAudioTranscriptDelta = "response.audio_transcript.delta";

    /// <summary>Beta name <c>response.audio_transcript.done</c> of <see cref="ResponseOutputAudioTranscriptDone"/>.</summary>
    public const string BetaResponseOutputAudioTranscriptDone = "response.audio_transcript.done";

    /// <summary>Beta name <c>response.audio.delta</c> of <see cref="ResponseOutputAudioDelta"/>.</summary>
    public const string BetaResponseOutputAudioDelta = "response.audio.delta";

    /// <summary>Beta name <c>transcription_session.update</c> (a transcription session's form of the session event).</summary>
    public const string BetaTranscriptionSessionUpdate = "transcription_session.update";

    /// <summary>Beta name <c>transcription_session.created</c> (a transcription session's form of the session event).</summary>
    public const string BetaTranscriptionSessionCreated = "transcription_session.created";

    /// <summary>Beta name <c>transcription_session.updated</c> (a transcription session's form of the session event).</summary>
    public const string BetaTranscriptionSessionUpdated = "transcription_session.updated";
}
