namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>
/// What a live session grain answers for its transcript and recording (implemented by the session grain beside
/// <see cref="IRealtimeSessionGrain"/>, same grain id). Called only by <see cref="SessionTranscriptGrain"/>, and only when
/// the persisted state says an activation owns the session.
/// </summary>
[Alias("RealtimeGrains.Sessions.Transcripts.ISessionRecordsGrain")]
internal interface ISessionRecordsGrain : IGrainWithStringKey
{
    /// <summary>The transcript from the activation's memory (includes items not persisted yet).</summary>
    [Alias("GetLiveTranscriptAsync")]
    Task<SessionTranscript> GetLiveTranscriptAsync();

    /// <summary>Stores the audio the activation still buffers and waits for it.</summary>
    [Alias("FlushRecordingAsync")]
    Task FlushRecordingAsync();
}
