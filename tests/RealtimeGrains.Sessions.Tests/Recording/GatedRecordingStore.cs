using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Tests.Recording;

/// <summary>A memory store whose writes wait for a gate: storage that has stalled.</summary>
internal sealed class GatedRecordingStore : IRecordingStore
{
    private readonly MemoryRecordingStore _inner = new();

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Appends;

    public async Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default)
    {
        await Gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref Appends);
        await _inner.AppendAsync(sessionId, direction, pcm16, writtenAt, cancellationToken);
    }

    public Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default) =>
        _inner.OpenReadAsync(sessionId, direction, cancellationToken);

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _inner.DeleteOlderThanAsync(cutoff, cancellationToken);
}
