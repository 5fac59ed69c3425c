using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace RealtimeGrains.Persistence;

/// <summary>
/// Grain state in files, two slots per state: <c>root/stateName/grainType/key.state</c> and <c>key.1.state</c>. A write
/// overwrites, in place, the slot that does not hold the current state, and is flushed to disk before it returns; the
/// slot's header carries a sequence number, the ETag, the length and a CRC-32C of the data, so a reader takes the valid
/// slot with the highest sequence. A crash mid-write tears at most the slot being written, which the checksum rejects:
/// the state read back is the old or the new one, never a torn one. Files of the earlier scheme (<c>rgstate1</c>
/// header, one per state) are read as slot 0 and replaced by the next writes.
/// The write + fsync block the thread that runs them, so at most <see cref="FileGrainStorageOptions.MaxConcurrentWrites"/>
/// of them run at once (others wait asynchronously, holding no thread): many concurrent fsyncs cannot starve the thread
/// pool. Instruments on the <see cref="MeterName"/> meter: write duration (file I/O + fsync), the wait for a write slot,
/// and writes waiting.
/// </summary>
internal sealed partial class FileGrainStorage : IGrainStorage, IDisposable
{
    /// <summary>The name of the meter of the file storage instruments.</summary>
    public const string MeterName = "RealtimeGrains.Persistence.FileStorage";

    private const string Extension = ".state";
    private const string AlternateExtension = ".1.state";
    private const int GateCount = 64;
    private static readonly Meter s_meter = new(MeterName);
    private static readonly Histogram<double> s_writeDuration = s_meter.CreateHistogram<double>(
        "realtimegrains.storage.file.write.duration", "ms", "Time a state write holds a write slot: file I/O and fsync.");
    private static readonly Histogram<double> s_slotWait = s_meter.CreateHistogram<double>(
        "realtimegrains.storage.file.write.wait", "ms", "Time a state write waited for a write slot.");
    private static long s_waiting;
    private readonly string _name;
    private readonly string _root;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, GateCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly SemaphoreSlim _writeSlots;

    static FileGrainStorage() =>
        s_meter.CreateObservableGauge("realtimegrains.storage.file.writes.waiting", () => Interlocked.Read(ref s_waiting), "{write}", "State writes waiting for a write slot.");

    /// <summary>Creates the provider (the root folder is created if missing).</summary>
    /// <param name="name">The provider name (for logs).</param>
    /// <param name="options">Its options; <see cref="FileGrainStorageOptions.GrainStorageSerializer"/> must be set by then.</param>
    /// <param name="activatorProvider">Creates the new state of a missing or cleared record, as Orleans' providers do.</param>
    /// <param name="logger">The logger.</param>
    public FileGrainStorage(string name, FileGrainStorageOptions options, IActivatorProvider activatorProvider, ILogger<FileGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(activatorProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootPath, $"{nameof(options)}.{nameof(FileGrainStorageOptions.RootPath)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentWrites, 1, $"{nameof(options)}.{nameof(FileGrainStorageOptions.MaxConcurrentWrites)}");
        _name = name;
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"File grain storage '{name}' has no {nameof(FileGrainStorageOptions.GrainStorageSerializer)}.", nameof(options));
        _activatorProvider = activatorProvider;
        _logger = logger;
        _root = Path.GetFullPath(options.RootPath);
        _writeSlots = new SemaphoreSlim(options.MaxConcurrentWrites, options.MaxConcurrentWrites);
        System.IO.Directory.CreateDirectory(_root);
        LogCreated(_name, _root, options.MaxConcurrentWrites);
    }

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        StateSlot? current;
        var gate = GateOf(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = StateSlot.ReadCurrent(path, AlternatePathOf(path));
        }
        finally
        {
            gate.Release();
        }

        if (current is null)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        T? state;
        try
        {
            state = current.Data.Length == 0 ? default : _serializer.Deserialize<T>(new BinaryData(current.Data));
        }
        catch (Exception ex)
        {
            LogDeserializeFailed(ex, _name, stateName, grainId, current.Slot == 0 ? path : AlternatePathOf(path), typeof(T));
            throw;
        }

        grainState.State = state ?? CreateInstance<T>();
        grainState.ETag = current.Etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.Serialize(grainState.State).ToMemory();
        var path = PathOf(stateName, grainId);
        var gate = GateOf(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            grainState.ETag = await WriteSlotAsync(stateName, grainId, path, data, grainState.ETag, cancellationToken).ConfigureAwait(false);
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        var gate = GateOf(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var alternate = AlternatePathOf(path);
            var current = StateSlot.ReadCurrent(path, alternate);
            EtagCheck.Ensure(stateName, grainId, current?.Etag, grainState.ETag);

            // The older slot goes first: a crash in between leaves the current state, never an older one.
            var (older, newer) = current is { Slot: 1 } ? (path, alternate) : (alternate, path);
            File.Delete(older);
            File.Delete(newer);
        }
        finally
        {
            gate.Release();
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = CreateInstance<T>();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }

        _writeSlots.Dispose();
    }

    /// <summary>The first slot file of a state (internal to tests that inspect files).</summary>
    internal string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type.ToString()), Escape(grainId.Key.ToString()) + Extension);

    /// <summary>The second slot of a state file.</summary>
    internal static string AlternatePathOf(string path) => string.Concat(path.AsSpan(0, path.Length - Extension.Length), AlternateExtension);

    // Under the path's gate: waits for a write slot, checks the ETag, then overwrites the older slot.
    private async Task<string> WriteSlotAsync(string stateName, GrainId grainId, string path, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
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
    }

    // Read-check-replace of one file is serialized by one of a fixed set of gates (chosen by path hash).
    private SemaphoreSlim GateOf(string path) => _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_gates.Length)];

    private T CreateInstance<T>() => _activatorProvider.GetActivator<T>().Create();

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
                builder.Append('~').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.Length <= 160 ? builder.ToString() : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "File grain storage {Name} keeps state under {Root}, at most {MaxConcurrentWrites} writes at once.")]
    private partial void LogCreated(string name, string root, int maxConcurrentWrites);

    [LoggerMessage(Level = LogLevel.Error, Message = "File grain storage {Name}: state {StateName} of grain {GrainId} in {Path} could not be deserialized as {StateType}.")]
    private partial void LogDeserializeFailed(Exception exception, string name, string stateName, GrainId grainId, string path, Type stateType);
}
