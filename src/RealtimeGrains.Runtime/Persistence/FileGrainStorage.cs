using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;

namespace RealtimeGrains.Runtime.Persistence;

/// <summary>
/// Grain state in files, one per state: <c>root/stateName/grainType/key.state</c>. A write goes to a
/// temporary file that is flushed to disk and then renamed over the old one, so a crash leaves the
/// old or the new state, never a torn one. The first line holds the format tag and the ETag.
/// The write + fsync + rename block the thread that runs them, so at most <c>maxConcurrentWrites</c> of them run at
/// once (others wait asynchronously, holding no thread): many concurrent fsyncs cannot starve the thread pool.
/// The ETag check of a write reads only the file's header line. Instruments on the
/// <c>RealtimeGrains.Runtime.FileStorage</c> meter: write duration (file I/O + fsync + rename), the wait for a write
/// slot, and writes waiting.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, as with the per-path gates.")]
internal sealed class FileGrainStorage : IGrainStorage
{
    public const string MeterName = "RealtimeGrains.Runtime.FileStorage";
    private const string Header = "rgstate1 ";
    private const string Extension = ".state";
    private const int HeaderReadLength = 128;
    private static readonly Meter s_meter = new(MeterName);
    private static readonly Histogram<double> s_writeDuration = s_meter.CreateHistogram<double>(
        "realtimegrains.storage.file.write.duration", "ms", "Time a state write holds a write slot: file I/O, fsync and rename.");
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
        UnderGateAsync(PathOf(stateName, grainId), path => ReadFileAsync(path, cancellationToken), cancellationToken);

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
                EtagCheck.Ensure(stateName, grainId, ReadStoredEtag(path), expectedEtag);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
                try
                {
                    // Synchronous I/O: this thread is blocked for the fsync anyway, and the slots bound how many are.
                    using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
                    {
                        stream.Write(Encoding.ASCII.GetBytes(Header + etag + "\n"));
                        stream.Write(data.Span);
                        stream.Flush(flushToDisk: true);
                    }

                    File.Move(temporary, path, overwrite: true);
                }
                catch
                {
                    File.Delete(temporary);
                    throw;
                }
            }
            finally
            {
                _writeSlots.Release();
                s_writeDuration.Record(Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
            }

            return etag;
        }, cancellationToken);

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), async path =>
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            EtagCheck.Ensure(stateName, grainId, stored?.Etag, expectedEtag);
            File.Delete(path);
            return true;
        }, cancellationToken);

    /// <summary>The file that holds a state (public to tests that inspect files).</summary>
    internal string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type), Escape(grainId.Key) + Extension);

    /// <summary>The ETag in the header of the stored file, or null when there is none (only the header is read).</summary>
    private static string? ReadStoredEtag(string path)
    {
        Span<byte> buffer = stackalloc byte[HeaderReadLength];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var newline = buffer[..read].IndexOf((byte)'\n');
        var header = newline < 0 ? string.Empty : Encoding.ASCII.GetString(buffer[..newline]);
        if (!header.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The state file '{path}' has no '{Header.Trim()}' header.");
        }

        return header[Header.Length..];
    }

    private static async Task<GrainStateRecord?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        var header = newline < 0 ? string.Empty : Encoding.ASCII.GetString(bytes, 0, newline);
        if (!header.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The state file '{path}' has no '{Header.Trim()}' header.");
        }

        return new GrainStateRecord(bytes[(newline + 1)..], header[Header.Length..]);
    }

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
