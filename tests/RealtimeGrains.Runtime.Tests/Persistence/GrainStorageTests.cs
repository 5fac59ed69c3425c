using System.Text;
using System.Text.Json;
using RealtimeGrains.Runtime.Persistence;

namespace RealtimeGrains.Runtime.Tests.Persistence;

/// <summary>The ETag rules every provider must keep, checked on the memory and the file provider.</summary>
public sealed class GrainStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-storage-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Providers => new() { "memory", "file" };

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    private IGrainStorage Create(string provider) => provider == "memory" ? new MemoryGrainStorage() : new FileGrainStorage(_root);

    private static readonly GrainId Id = new("test.IProfileGrain", "key/with/../odd chars");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Write_WithStaleEtag_ThrowsAndChangesNothing(string provider)
    {
        var storage = Create(provider);
        var first = await storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("\"v1\""), null);
        var second = await storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("\"v2\""), first);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("\"stale\""), first));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("\"blind\""), null));

        var stored = await storage.ReadAsync("profile", Id);
        Assert.Equal("\"v2\"", Encoding.UTF8.GetString(stored!.Data));
        Assert.Equal(second, stored.Etag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Clear_WithStaleEtag_ThrowsAndKeepsRecord(string provider)
    {
        var storage = Create(provider);
        var first = await storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("1"), null);
        var second = await storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("2"), first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("profile", Id, first));
        Assert.NotNull(await storage.ReadAsync("profile", Id));

        await storage.ClearAsync("profile", Id, second);
        Assert.Null(await storage.ReadAsync("profile", Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PersistentState_TwoWritersOfOneState_SecondWriterGetsConflict(string provider)
    {
        var storage = Create(provider);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        var owner = new PersistentState<Grains.ProfileState>("profile", Id, storage, json);
        var stale = new PersistentState<Grains.ProfileState>("profile", Id, storage, json);
        await owner.ReadStateAsync();
        await stale.ReadStateAsync();

        owner.State.Name = "new owner";
        await owner.WriteStateAsync();
        stale.State.Name = "stale owner";
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.WriteStateAsync());

        var check = new PersistentState<Grains.ProfileState>("profile", Id, storage, json);
        await check.ReadStateAsync();
        Assert.Equal("new owner", check.State.Name);
        Assert.Equal(owner.Etag, check.Etag);
    }

    [Fact]
    public void FileStorage_KeysThatLookLikePaths_StayUnderTheRoot()
    {
        var storage = new FileGrainStorage(_root);

        var path = storage.PathOf("../state", new GrainId("../../type", "../../../etc/passwd"));

        Assert.StartsWith(Path.GetFullPath(_root) + Path.DirectorySeparatorChar, Path.GetFullPath(path), StringComparison.Ordinal);
        Assert.DoesNotContain("..", path[_root.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileStorage_ConcurrentWritesThroughOneSlot_AllDurableInOrder_AndMeasured()
    {
        var storage = new FileGrainStorage(_root, maxConcurrentWrites: 1);
        var durations = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FileGrainStorage.MeterName && instrument.Name == "realtimegrains.storage.file.write.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref durations));
        listener.Start();

        var ids = Enumerable.Range(0, 16).Select(i => new GrainId("test.IProfileGrain", "grain-" + i)).ToList();
        var etags = await Task.WhenAll(ids.Select(id => storage.WriteAsync("profile", id, Encoding.UTF8.GetBytes("\"v1\""), null)));
        await Task.WhenAll(ids.Select((id, i) => storage.WriteAsync("profile", id, Encoding.UTF8.GetBytes("\"v2\""), etags[i])));

        foreach (var id in ids)
        {
            Assert.Equal("\"v2\"", Encoding.UTF8.GetString((await storage.ReadAsync("profile", id))!.Data));
        }

        Assert.True(Volatile.Read(ref durations) >= 32, $"each write records its duration ({durations})");
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileGrainStorage(_root, maxConcurrentWrites: 0));
    }

    [Fact]
    public async Task FileStorage_FileWithoutHeader_IsRejectedOnWrite()
    {
        var storage = new FileGrainStorage(_root);
        var path = storage.PathOf("profile", Id);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a state file");

        await Assert.ThrowsAsync<InvalidDataException>(() => storage.WriteAsync("profile", Id, Encoding.UTF8.GetBytes("\"v1\""), null));
    }
}
