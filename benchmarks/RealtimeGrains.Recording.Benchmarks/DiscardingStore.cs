using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Recording.Benchmarks;

/// <summary>A store that counts and drops: isolates the audio-path cost from storage.</summary>
internal sealed class DiscardingStore : IRecordingStore
{
    public long Bytes;

    public Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref Bytes, pcm16.Length);
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
