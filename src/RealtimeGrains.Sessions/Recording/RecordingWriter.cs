using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Writes recorded audio to the <see cref="IRecordingStore"/> off the audio path: sessions hand over full buffers without
/// waiting (<see cref="TryEnqueue"/>); <see cref="SessionRecordingOptions.WriterConcurrency"/> loops write them, a session
/// always on the same loop, so its writes stay in order. The queues are bounded: when the store cannot keep up, audio is
/// dropped and logged rather than held in memory or waited for. Buffers are reused through the writer's own free list
/// (at most <see cref="MaxFreeBuffers"/>): they outgrow the large-object threshold, and the shared array pool misses
/// when buffers come back on another thread, so each flush would otherwise allocate on the large-object heap.
/// </summary>
internal sealed partial class RecordingWriter : IAsyncDisposable, IDisposable
{
    private readonly IRecordingStore _store;
    private readonly SessionRecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingWriter> _logger;
    private readonly Channel<RecordingChunk>[] _queues;
    private readonly Task[] _loops;
    private readonly ConcurrentQueue<byte[]> _free = new();

    public RecordingWriter(
        IRecordingStore store,
        IOptions<SessionRecordingOptions> options,
        [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time,
        ILogger<RecordingWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var perQueue = Math.Max(1, _options.MaxQueuedChunks / _options.WriterConcurrency);
        _queues = [.. Enumerable.Range(0, _options.WriterConcurrency).Select(_ => Channel.CreateBounded<RecordingChunk>(new BoundedChannelOptions(perQueue) { SingleReader = true }))];
        _loops = [.. _queues.Select(q => Task.Run(() => WriteLoopAsync(q.Reader)))];
    }

    /// <summary>Most idle buffers kept for reuse (≈ 25 MB at the default flush size).</summary>
    public const int MaxFreeBuffers = 256;

    /// <summary>Whether sessions record.</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>Bytes a session buffers per direction before handing them over.</summary>
    public int FlushBytes => _options.FlushBytes;

    /// <summary>A recorder for one session activation, or null when recording is off.</summary>
    public SessionRecorder? CreateRecorder(string sessionId) => Enabled ? new SessionRecorder(sessionId, this) : null;

    /// <summary>A buffer of <see cref="FlushBytes"/> bytes (reused when one is free).</summary>
    public byte[] RentBuffer() => _free.TryDequeue(out var buffer) ? buffer : new byte[_options.FlushBytes];

    /// <summary>Gives a buffer back for reuse.</summary>
    public void ReturnBuffer(byte[] buffer)
    {
        if (_free.Count < MaxFreeBuffers)
        {
            _free.Enqueue(buffer);
        }
    }

    /// <summary>Queues a buffer without waiting; false (the buffer is reused, the drop logged) when the queue is full.</summary>
    public bool TryEnqueue(RecordingChunk chunk)
    {
        if (QueueOf(chunk.SessionId).Writer.TryWrite(chunk))
        {
            return true;
        }

        Release(chunk);
        LogDropped(_logger, chunk.SessionId, chunk.Direction, chunk.Length);
        return false;
    }

    /// <summary>Waits until everything queued for the session so far is stored.</summary>
    public async Task FlushAsync(string sessionId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueOf(sessionId).Writer.WriteAsync(new RecordingChunk(sessionId, default, null, 0, done)).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking buffers; what is queued is written by the loops, not waited for.</summary>
    public void Dispose()
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private Channel<RecordingChunk> QueueOf(string sessionId) =>
        _queues[(int)((uint)StringComparer.Ordinal.GetHashCode(sessionId) % (uint)_queues.Length)];

    private async Task WriteLoopAsync(ChannelReader<RecordingChunk> reader)
    {
        await foreach (var chunk in reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (chunk.Buffer is { } buffer && chunk.Length > 0)
            {
                try
                {
                    await _store.AppendAsync(chunk.SessionId, chunk.Direction, buffer.AsMemory(0, chunk.Length), _time.GetUtcNow()).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failed write loses that audio, never the session or the loop.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogWriteFailed(_logger, chunk.SessionId, chunk.Direction, chunk.Length, ex);
                }
            }

            Release(chunk);
            chunk.Done?.TrySetResult();
        }
    }

    private void Release(RecordingChunk chunk)
    {
        if (chunk.Buffer is { } buffer)
        {
            ReturnBuffer(buffer);
        }
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Warning, Message = "Session {SessionId}: recording queue full; {Bytes} bytes of {Direction} audio dropped from the recording")]
    private static partial void LogDropped(ILogger logger, string sessionId, Transcripts.RecordingDirection direction, int bytes);

    [LoggerMessage(EventId = 271, Level = LogLevel.Warning, Message = "Session {SessionId}: writing {Bytes} bytes of {Direction} audio to the recording failed")]
    private static partial void LogWriteFailed(ILogger logger, string sessionId, Transcripts.RecordingDirection direction, int bytes, Exception exception);
}
