using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>
/// Azure's <c>webrtcfilter=on</c>: the events a browser's data channel still gets. Speech and output-buffer events,
/// transcripts and text, message items, and errors pass; session, response, function-call and rate-limit events are
/// withheld (the sideband gets them all).
/// </summary>
internal static class DataChannelFilter
{
    /// <summary>Whether <paramref name="serverEvent"/> reaches a filtered data channel.</summary>
    public static bool Allows(ServerEvent serverEvent) => serverEvent switch
    {
        InputAudioBufferSpeechStartedEvent or InputAudioBufferSpeechStoppedEvent or InputAudioBufferCommittedEvent => true,
        OutputAudioBufferStartedEvent or OutputAudioBufferStoppedEvent or OutputAudioBufferClearedEvent => true,
        ConversationItemInputAudioTranscriptionDeltaEvent or ConversationItemInputAudioTranscriptionCompletedEvent => true,
        ResponseOutputAudioTranscriptDeltaEvent or ResponseOutputAudioTranscriptDoneEvent => true,
        ResponseOutputTextDeltaEvent or ResponseOutputTextDoneEvent => true,
        ConversationItemAddedEvent added => IsMessage(added.Item),
        ConversationItemDoneEvent done => IsMessage(done.Item),
        ErrorEvent => true,
        _ => false,
    };

    private static bool IsMessage(RealtimeItem? item) => item?.Type == ItemTypes.Message;
}
