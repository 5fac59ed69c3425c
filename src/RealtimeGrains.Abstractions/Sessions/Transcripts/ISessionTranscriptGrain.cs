namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>
/// Reads a session's transcript and recordings for the application server, keyed by session id. It never creates a
/// session nor opens an upstream: it reads the session's persisted state, and asks the session grain itself only while
/// the state says an activation owns the session (then the transcript includes what is not written yet).
/// </summary>
[Alias("RealtimeGrains.Sessions.Transcripts.ISessionTranscriptGrain")]
public interface ISessionTranscriptGrain : IGrainWithStringKey
{
    /// <summary>The transcript, or null when the session has no persisted state (unknown, or ended).</summary>
    /// <returns>The transcript or null.</returns>
    [Alias("GetTranscriptAsync")]
    Task<SessionTranscript?> GetTranscriptAsync();

    /// <summary>Writes the audio a live session still buffers to the recording store (nothing when the session is not live).</summary>
    /// <returns>A task that completes when the buffered audio is stored.</returns>
    [Alias("FlushRecordingAsync")]
    Task FlushRecordingAsync();
}
