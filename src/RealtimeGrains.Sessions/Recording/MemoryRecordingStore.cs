using System.Collections.Concurrent;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>Recordings in this process's memory (for <c>Host:StateStore=Memory</c> and tests): lost on exit.</summary>
internal sealed class MemoryRecordingStore : IRecordingStore
{
    private readonly ConcurrentDictionary<(string SessionId, RecordingDirection Direction), Entry> _recordings = new();

    public Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default)
    {
        var entry = _recordings.GetOrAdd((sessionId, direction), static _ => new Entry());
        lock (entry)
        {
            entry.Data.Write(pcm16.Span);
            entry.WrittenAt = writtenAt;
        }

        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default)
    {
        if (!_recordings.TryGetValue((sessionId, direction), out var entry))
        {
            return Task.FromResult<Stream?>(null);
        }

        lock (entry)
        {
            var wav = new byte[WavHeader.Size + entry.Data.Length];
            WavHeader.Write(wav, entry.Data.Length);
            entry.Data.GetBuffer().AsSpan(0, (int)entry.Data.Length).CopyTo(wav.AsSpan(WavHeader.Size));
            return Task.FromResult<Stream?>(new MemoryStream(wav, writable: false));
        }
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var (key, entry) in _recordings)
        {
            bool expired;
            lock (entry)
            {
                expired = entry.WrittenAt < cutoff;
            }

            if (expired && _recordings.TryRemove(key, out _))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    private sealed class Entry
    {
        public MemoryStream Data { get; } = new();

        public DateTimeOffset WrittenAt { get; set; }
    }
}
