using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Where recordings live: one WAV file per session and direction (PCM16, 24 kHz, mono), its header kept consistent with
/// the data after every append. Implementations: memory, files under the state directory, the state store's blob container.
/// </summary>
public interface IRecordingStore
{
    /// <summary>Appends PCM16 audio to a recording, creating it if needed, and stamps it as written at <paramref name="writtenAt"/>.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="direction">Which audio.</param>
    /// <param name="pcm16">The samples (little-endian 16-bit, 24 kHz mono).</param>
    /// <param name="writtenAt">The product clock's time of the write (retention counts from the last one).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the audio is stored.</returns>
    Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default);

    /// <summary>Opens a recording as a WAV stream, or null when there is none.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="direction">Which audio.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The WAV bytes (the caller disposes the stream), or null.</returns>
    Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default);

    /// <summary>Deletes every recording last written before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">The oldest last-write time kept.</param>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>How many recordings were deleted.</returns>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
