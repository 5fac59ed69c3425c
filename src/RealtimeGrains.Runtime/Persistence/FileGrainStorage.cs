using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;

namespace RealtimeGrains.Runtime.Persistence;

/// <summary>
/// Grain state in files, two slots per state: <c>root/stateName/grainType/key.state</c> and <c>key.1.state</c>. A write
/// overwrites, in place, the slot that does not hold the current state, and is flushed to disk before it returns; the
/// slot's header carries a sequence number, the ETag, the length and a CRC-32C of the data, so a reader takes the valid
/// slot with the highest sequence. A crash mid-write tears at most the slot being written, which the checksum rejects:
/// the state read back is the old or the new one, never a torn one. Overwriting an existing file costs no file
/// creation, rename or directory change (each write of the earlier create-then-rename scheme did all three). Files of
/// that scheme (<c>rgstate1</c> header, one per state) are read as slot 0 and replaced by the next writes.
/// The write + fsync block the thread that runs them, so at most <c>maxConcurrentWrites</c> of them run at
/// once (others wait asynchronously, holding no thread): many concurrent fsyncs cannot starve the thread pool.
/// Instruments on the <c>RealtimeGrains.Runtime.FileStorage</c> meter: write duration (file I/O + fsync), the wait for a
/// write slot, and writes waiting.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, as with the per-path gates.")]
internal sealed class FileGrainStorage : IGrainStorage
{
    public const string MeterName = "RealtimeGrains.Runtime.FileStorage";
    private const string Extension = ".state";
    private const string AlternateExtension = ".1.state";
    private static readonly Meter s_meter = new(MeterName);
    private static readonly Histogram<double> s_writeDuration = s_meter.CreateHistogram<double>(
        "realtimegrains.storage.file.write.duration", "ms", "Time a state write holds a write slot: file I/O and fsync.");
    private static readonly Histogram<double> s_slotWait = s_meter.CreateHistogram<double>(
        "realtimegrains.storage.file.write.wait", "ms", "Time a state write waited for a write slot.");
    private static long s_waiting;
    private readonly string _root;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly SemaphoreSlim _writeSlots;

    static FileGrainStorage() =>
        s_meter.CreateObservableGauge("realtimegrains.storage.file.writes.waiting", () => Interlocked.Read(ref s_waiting), "{write}", "State writes waiting for a write slot.");

    public FileGrainStorage(string rootPath)
        : this(rootPath, FileGrainStorageOptions.DefaultMaxConcurrentWrites)
    {
    }

    public FileGrainStorage(string rootPath, int maxConcurrentWrites)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentWrites, 1);
        _root = Path.GetFullPath(rootPath);
        _writeSlots = new SemaphoreSlim(maxConcurrentWrites, maxConcurrentWrites);
        System.IO.Directory.CreateDirectory(_root);
    }

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), path =>
        {
            var current = StateSlot.ReadCurrent(path, AlternatePathOf(path));
            return Task.FromResult(current is null ? null : new GrainStateRecord(current.Data, current.Etag));
        }, cancellationToken);

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), async path =>
        {
            var etag = EtagCheck.NewEtag();
            var waitStart = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref s_waiting);
            try
            {
                await _writeSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref s_waiting);
            }

            var writeStart = Stopwatch.GetTimestamp();
            s_slotWait.Record(Stopwatch.GetElapsedTime(waitStart, writeStart).TotalMilliseconds);
            try
            {
                var alternate = AlternatePathOf(path);
                var current = StateSlot.ReadCurrent(path, alternate);
                EtagCheck.Ensure(stateName, grainId, current?.Etag, expectedEtag);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var target = current is { Slot: 0 } ? alternate : path;
                StateSlot.Write(target, (current?.Sequence ?? 0) + 1, etag, data);
            }
            finally
            {
                _writeSlots.Release();
                s_writeDuration.Record(Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
            }

            return etag;
        }, cancellationToken);

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), path =>
        {
            var alternate = AlternatePathOf(path);
            var current = StateSlot.ReadCurrent(path, alternate);
            EtagCheck.Ensure(stateName, grainId, current?.Etag, expectedEtag);

            // The older slot goes first: a crash in between leaves the current state, never an older one.
            var (older, newer) = current is { Slot: 1 } ? (path, alternate) : (alternate, path);
            File.Delete(older);
            File.Delete(newer);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>The first slot file of a state (internal to tests that inspect files).</summary>
    internal string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type), Escape(grainId.Key) + Extension);

    /// <summary>The second slot of a state file.</summary>
    internal static string AlternatePathOf(string path) => string.Concat(path.AsSpan(0, path.Length - Extension.Length), AlternateExtension);

    // Read-check-replace of one file is serialized by one of a fixed set of gates (chosen by path hash).
    private async Task<T> UnderGateAsync<T>(string path, Func<string, Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(path).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    // Keeps names portable and safe: letters, digits, '-' and '_' pass; anything else (including '.',
    // so '..' cannot climb out of the root) becomes '~' and its hex code. Long names are hashed.
    private static string Escape(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('~').Append(((int)c).ToString("x4"));
            }
        }

        return builder.Length <= 160 ? builder.ToString() : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    }
}
