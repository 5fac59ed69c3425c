namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Per-session audio recording (section <c>RealtimeSessions:Recording</c>): both directions as PCM16 24 kHz mono WAV
/// files in the recording store (next to the grain state). Off by default.
/// </summary>
public sealed class SessionRecordingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RealtimeSessions:Recording";

    /// <summary>Whether sessions record their audio. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>How long a recording is kept after its last write; the clean-up deletes older ones. Default 7 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the clean-up runs (on the product clock). Default 1 hour.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bytes a session buffers per direction before the buffer goes to the store (off the audio path). Default 96,000 (2 s of PCM16).</summary>
    public int FlushBytes { get; set; } = 96_000;

    /// <summary>
    /// Buffers waiting for the store, in all (memory bound: this × <see cref="FlushBytes"/>, ≈ 98 MB by default); beyond it
    /// audio is dropped and logged. Sessions that fill their buffers at the same moment queue one each, so keep it above
    /// twice the sessions recording at once. Default 1024.
    /// </summary>
    public int MaxQueuedChunks { get; set; } = 1024;

    /// <summary>Store writes in flight at once (a session's writes stay in order). Default 4.</summary>
    public int WriterConcurrency { get; set; } = 4;
}
