using System.Diagnostics.Metrics;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>The ETag rules of the IGrainStorage contract, the state it hands back, and the file store's guards.</summary>
public sealed class GrainStorageTests : IDisposable
{
    private static readonly GrainId Id = GrainId.Create("test.IProfileGrain", "key/with/../odd chars");
    private readonly string _root = TestStorage.NewRoot("rg-storage");
    private readonly FileGrainStorage _storage;

    public GrainStorageTests() => _storage = TestStorage.Create(_root);

    public void Dispose()
    {
        _storage.Dispose();
        TestStorage.DeleteRoot(_root);
    }

    [Fact]
    public async Task Read_OfAMissingRecord_GivesANewStateAndNoEtag()
    {
        var state = new GrainState<ProfileState>(new ProfileState { Name = "left over" }, "stale-etag") { RecordExists = true };

        await _storage.ReadStateAsync("profile", Id, state);

        Assert.Equal("unnamed", state.State!.Name);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_WithStaleEtag_ThrowsAndChangesNothing()
    {
        var owner = new GrainState<ProfileState>(new ProfileState { Name = "v1" });
        await _storage.WriteStateAsync("profile", Id, owner);
        var first = owner.ETag;
        owner.State = new ProfileState { Name = "v2" };
        await _storage.WriteStateAsync("profile", Id, owner);
        var second = owner.ETag;
        Assert.NotEqual(first, second);
        var files = SnapshotFiles();

        var stale = new GrainState<ProfileState>(new ProfileState { Name = "stale" }, first!);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("profile", Id, stale));
        Assert.Equal(second, conflict.StoredEtag);
        Assert.Equal(first, conflict.CurrentEtag);
        Assert.Equal(first, stale.ETag);
        var blind = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("profile", Id, new GrainState<ProfileState>(new ProfileState { Name = "blind" })));
        Assert.Equal(second, blind.StoredEtag);
        Assert.Null(blind.CurrentEtag);

        Assert.Equal(files, SnapshotFiles());
        var stored = new GrainState<ProfileState>();
        await _storage.ReadStateAsync("profile", Id, stored);
        Assert.Equal("v2", stored.State!.Name);
        Assert.Equal(second, stored.ETag);
    }

    [Fact]
    public async Task Clear_WithStaleEtag_ThrowsAndKeepsRecord_ThenClearsAndResetsTheState()
    {
        var owner = new GrainState<ProfileState>(new ProfileState { Name = "1" });
        await _storage.WriteStateAsync("profile", Id, owner);
        var first = owner.ETag;
        owner.State = new ProfileState { Name = "2", Visits = 2 };
        await _storage.WriteStateAsync("profile", Id, owner);
        var files = SnapshotFiles();

        var stale = new GrainState<ProfileState>(new ProfileState { Name = "1" }, first!) { RecordExists = true };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("profile", Id, stale));
        Assert.Equal(owner.ETag, conflict.StoredEtag);
        Assert.True(stale.RecordExists);
        Assert.Equal(first, stale.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("profile", Id, new GrainState<ProfileState>()));
        Assert.Equal(files, SnapshotFiles());

        await _storage.ClearStateAsync("profile", Id, owner);
        Assert.Null(owner.ETag);
        Assert.False(owner.RecordExists);
        Assert.Equal("unnamed", owner.State!.Name);
        Assert.Equal(0, owner.State!.Visits);
        Assert.Empty(SnapshotFiles());

        var read = new GrainState<ProfileState>();
        await _storage.ReadStateAsync("profile", Id, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task TwoWritersOfOneState_SecondWriterGetsConflict()
    {
        var owner = new GrainState<ProfileState>();
        var stale = new GrainState<ProfileState>();
        await _storage.ReadStateAsync("profile", Id, owner);
        await _storage.ReadStateAsync("profile", Id, stale);

        owner.State!.Name = "new owner";
        await _storage.WriteStateAsync("profile", Id, owner);
        stale.State!.Name = "stale owner";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("profile", Id, stale));

        var check = new GrainState<ProfileState>();
        await _storage.ReadStateAsync("profile", Id, check);
        Assert.Equal("new owner", check.State!.Name);
        Assert.Equal(owner.ETag, check.ETag);
        Assert.True(check.RecordExists);
    }

    [Fact]
    public async Task EmptyEtag_CountsAsNone()
    {
        var state = new GrainState<ProfileState>(new ProfileState(), string.Empty);
        await _storage.WriteStateAsync("profile", Id, state);

        Assert.False(string.IsNullOrEmpty(state.ETag));
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("profile", Id, new GrainState<ProfileState>(new ProfileState(), string.Empty)));
    }

    [Fact]
    public void KeysThatLookLikePaths_StayUnderTheRoot()
    {
        var path = _storage.PathOf("../state", GrainId.Create("../../type", "../../../etc/passwd"));

        var root = Path.GetFullPath(_root);
        Assert.StartsWith(root + Path.DirectorySeparatorChar, Path.GetFullPath(path), StringComparison.Ordinal);
        Assert.DoesNotContain("..", path[root.Length..], StringComparison.Ordinal);
        Assert.Equal(Path.Combine(root, "~002e~002e~002fstate", "~002e~002e~002f~002e~002e~002ftype", "~002e~002e~002f~002e~002e~002f~002e~002e~002fetc~002fpasswd.state"), path);

        var longKey = new string('k', 161);
        var hashed = Path.GetFileName(_storage.PathOf("s", GrainId.Create("t", longKey)));
        Assert.Equal(64 + ".state".Length, hashed.Length);
        Assert.Equal(new string('k', 160) + ".state", Path.GetFileName(_storage.PathOf("s", GrainId.Create("t", new string('k', 160)))));
    }

    [Fact]
    public async Task ConcurrentWritesThroughOneSlot_AllDurableInOrder_AndMeasured()
    {
        using var storage = TestStorage.Create(_root, maxConcurrentWrites: 1);
        var durations = 0;
        var waits = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FileGrainStorage.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "realtimegrains.storage.file.write.duration")
            {
                Interlocked.Increment(ref durations);
            }
            else if (instrument.Name == "realtimegrains.storage.file.write.wait")
            {
                Interlocked.Increment(ref waits);
            }
        });
        long? waiting = null;
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "realtimegrains.storage.file.writes.waiting")
            {
                waiting = value;
            }
        });
        listener.Start();

        var ids = Enumerable.Range(0, 16).Select(i => GrainId.Create("test.IProfileGrain", "grain-" + i)).ToList();
        var states = ids.Select(_ => new GrainState<TextState>(TextState.Of("v1"))).ToList();
        await Task.WhenAll(ids.Select((id, i) => storage.WriteStateAsync("profile", id, states[i])));
        states.ForEach(s => s.State = TextState.Of("v2"));
        await Task.WhenAll(ids.Select((id, i) => storage.WriteStateAsync("profile", id, states[i])));

        foreach (var id in ids)
        {
            var read = new GrainState<TextState>();
            await storage.ReadStateAsync("profile", id, read);
            Assert.Equal("v2", read.State!.Text);
        }

        listener.RecordObservableInstruments();
        Assert.True(Volatile.Read(ref durations) >= 32, $"each write records its duration ({durations})");
        Assert.True(Volatile.Read(ref waits) >= 32, $"each write records its wait for a slot ({waits})");
        Assert.NotNull(waiting);
        Assert.Throws<ArgumentOutOfRangeException>(() => TestStorage.Create(_root, maxConcurrentWrites: 0));
    }

    [Fact]
    public async Task FileWithoutHeader_IsRejected()
    {
        var path = _storage.PathOf("profile", Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a state file");

        await Assert.ThrowsAsync<InvalidDataException>(() => _storage.WriteStateAsync("profile", Id, new GrainState<ProfileState>(new ProfileState())));
        await Assert.ThrowsAsync<InvalidDataException>(() => _storage.ReadStateAsync("profile", Id, new GrainState<ProfileState>()));
        Assert.Equal("not a state file", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task CanceledBeforeItStarts_ChangesNothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _storage.WriteStateAsync("profile", Id, new GrainState<ProfileState>(new ProfileState()), canceled.Token));

        Assert.Empty(SnapshotFiles());
    }

    private Dictionary<string, string> SnapshotFiles() =>
        Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToBase64String(File.ReadAllBytes(f)))
            : [];
}
