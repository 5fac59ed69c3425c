using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans;
using Orleans.Runtime;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>State files the old runtime wrote (same grain type string and key) are read by the new provider.</summary>
public sealed class LegacyFormatTests : IDisposable
{
    // The product keeps the old grain type string: [GrainType("RealtimeGrains.Sessions.IRealtimeSessionGrain")].
    private static readonly GrainId SessionId = GrainId.Create("RealtimeGrains.Sessions.IRealtimeSessionGrain", "session-42");
    private readonly string _root = TestStorage.NewRoot("rg-legacy");
    private readonly FileGrainStorage _storage;

    public LegacyFormatTests() => _storage = TestStorage.Create(_root, serializer: TestStorage.WebJson());

    public void Dispose()
    {
        _storage.Dispose();
        TestStorage.DeleteRoot(_root);
    }

    [Fact]
    public void Path_IsTheOldRuntimesPath()
    {
        Assert.Equal(
            Path.Combine(Path.GetFullPath(_root), "session", "RealtimeGrains~002eSessions~002eIRealtimeSessionGrain", "session-42.state"),
            _storage.PathOf("session", SessionId));
        Assert.Equal(
            Path.Combine(Path.GetFullPath(_root), "session", "RealtimeGrains~002eSessions~002eIRealtimeSessionGrain", "session-42.1.state"),
            FileGrainStorage.AlternatePathOf(_storage.PathOf("session", SessionId)));
    }

    [Fact]
    public async Task Rgstate1File_OfTheOldRuntime_IsReadWithSystemTextJson_AndTheNextWriteTakesTheOtherSlot()
    {
        // Exactly what the old runtime's first scheme wrote: header line, then web-defaults JSON of the state.
        var legacy = "rgstate1 0123456789abcdef0123456789abcdef\n{\"title\":\"Support call\",\"turns\":3,\"voices\":[\"alloy\",\"verse\"]}";
        var path = WriteLegacyFile(slot: 0, Encoding.UTF8.GetBytes(legacy));

        var state = new GrainState<SessionSnapshot>();
        await _storage.ReadStateAsync("session", SessionId, state);

        Assert.True(state.RecordExists);
        Assert.Equal("0123456789abcdef0123456789abcdef", state.ETag);
        Assert.Equal("Support call", state.State!.Title);
        Assert.Equal(3, state.State!.Turns);
        Assert.Equal(["alloy", "verse"], state.State!.Voices);

        state.State = state.State with { Turns = 4 };
        await _storage.WriteStateAsync("session", SessionId, state);

        Assert.Equal(legacy, await File.ReadAllTextAsync(path));
        var written = await File.ReadAllTextAsync(FileGrainStorage.AlternatePathOf(path));
        Assert.StartsWith($"rgstate2 1 {state.ETag} ", written, StringComparison.Ordinal);
        Assert.Contains("\"turns\":4", written, StringComparison.Ordinal);
        var reread = new GrainState<SessionSnapshot>();
        await _storage.ReadStateAsync("session", SessionId, reread);
        Assert.Equal(4, reread.State!.Turns);
        Assert.Equal(state.ETag, reread.ETag);
    }

    [Fact]
    public async Task Rgstate2Slots_OfTheOldRuntime_AreRead_NewestValidSlotFirst()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var older = JsonSerializer.SerializeToUtf8Bytes(new SessionSnapshot("First", 1, ["alloy"]), web);
        var newer = JsonSerializer.SerializeToUtf8Bytes(new SessionSnapshot("Second", 2, ["alloy", "verse"]), web);
        WriteLegacyFile(slot: 0, Rgstate2(4, "etag4", older));
        var alternate = WriteLegacyFile(slot: 1, Rgstate2(5, "etag5", newer));

        var state = new GrainState<SessionSnapshot>();
        await _storage.ReadStateAsync("session", SessionId, state);
        Assert.Equal("Second", state.State!.Title);
        Assert.Equal("etag5", state.ETag);
        Assert.Equal(["alloy", "verse"], state.State!.Voices);

        // Its checksum no longer matching, the newer slot is ignored: the older one is the state.
        await File.WriteAllBytesAsync(alternate, Rgstate2(5, "etag5", newer, crc: Crc32CReference.Compute(newer) ^ 1));
        await _storage.ReadStateAsync("session", SessionId, state);
        Assert.Equal("First", state.State!.Title);
        Assert.Equal("etag4", state.ETag);
        Assert.Equal(1, state.State!.Turns);
    }

    [Fact]
    public async Task OrleansDefaultJsonOptions_DoNotBindTheOldCamelCaseNames()
    {
        // Why the product must configure the System.Text.Json serializer like the old runtime (web defaults).
        WriteLegacyFile(slot: 0, Encoding.UTF8.GetBytes("rgstate1 e1\n{\"title\":\"Support call\",\"turns\":3,\"voices\":[]}"));
        using var defaults = TestStorage.Create(_root);

        var state = new GrainState<SessionSnapshot>();
        await defaults.ReadStateAsync("session", SessionId, state);

        Assert.True(state.RecordExists);
        Assert.Null(state.State!.Title);
    }

    private string WriteLegacyFile(int slot, byte[] bytes)
    {
        var path = _storage.PathOf("session", SessionId);
        if (slot == 1)
        {
            path = FileGrainStorage.AlternatePathOf(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // The old runtime's slot format, built here independently of the provider's code.
    private static byte[] Rgstate2(long sequence, string etag, byte[] data, uint? crc = null) =>
        [.. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"rgstate2 {sequence} {etag} {data.Length} {crc ?? Crc32CReference.Compute(data):x8}\n")), .. data];
}
