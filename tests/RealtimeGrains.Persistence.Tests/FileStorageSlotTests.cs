using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>The file store's two slots: writes alternate, a torn slot is ignored, files of the earlier scheme still read.</summary>
public sealed class FileStorageSlotTests : IDisposable
{
    private static readonly GrainId Id = GrainId.Create("test.IProfileGrain", "slots");
    private readonly string _root = TestStorage.NewRoot("rg-slots");
    private readonly FileGrainStorage _storage;

    public FileStorageSlotTests() => _storage = TestStorage.Create(_root);

    public void Dispose()
    {
        _storage.Dispose();
        TestStorage.DeleteRoot(_root);
    }

    [Fact]
    public async Task Writes_AlternateBetweenTheTwoSlots_AndReadTheNewest()
    {
        var first = _storage.PathOf("profile", Id);
        var second = FileGrainStorage.AlternatePathOf(first);
        var state = new GrainState<TextState>(TextState.Of("v1"));
        await _storage.WriteStateAsync("profile", Id, state);
        Assert.True(File.Exists(first));
        Assert.False(File.Exists(second));

        state.State = TextState.Of("v2");
        await _storage.WriteStateAsync("profile", Id, state);
        Assert.True(File.Exists(second));
        state.State = TextState.Of("v3, longer than before");
        await _storage.WriteStateAsync("profile", Id, state);
        state.State = TextState.Of("v4");
        await _storage.WriteStateAsync("profile", Id, state);

        Assert.StartsWith("rgstate2 3 ", File.ReadAllText(first), StringComparison.Ordinal);
        Assert.Contains("v3, longer than before", File.ReadAllText(first), StringComparison.Ordinal);
        Assert.StartsWith("rgstate2 4 ", File.ReadAllText(second), StringComparison.Ordinal);
        Assert.Contains("v4", File.ReadAllText(second), StringComparison.Ordinal);
        Assert.DoesNotContain("longer", File.ReadAllText(second), StringComparison.Ordinal);

        var read = new GrainState<TextState>();
        await _storage.ReadStateAsync("profile", Id, read);
        Assert.Equal("v4", read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("header")]
    [InlineData("zeros")]
    [InlineData("crc")]
    public async Task NewestSlotTorn_ReadsThePreviousState_AndTheNextWriteKeepsItsEtag(string damage)
    {
        var state = new GrainState<TextState>(TextState.Of("the old state"));
        await _storage.WriteStateAsync("profile", Id, state);
        var v1 = state.ETag;
        state.State = TextState.Of("the new state, torn by a crash");
        await _storage.WriteStateAsync("profile", Id, state);
        var torn = FileGrainStorage.AlternatePathOf(_storage.PathOf("profile", Id));
        var bytes = File.ReadAllBytes(torn);
        switch (damage)
        {
            case "flip":
                bytes[^3] ^= 0x20;
                break;
            case "truncate":
                bytes = bytes[..(bytes.Length - 5)];
                break;
            case "header":
                bytes = bytes[..5];
                break;
            case "zeros":
                Array.Clear(bytes);
                break;
            case "crc":
                // The data is whole, the checksum in the header is not its checksum.
                var newline = Array.IndexOf(bytes, (byte)'\n');
                bytes[newline - 1] = bytes[newline - 1] == (byte)'0' ? (byte)'1' : (byte)'0';
                break;
        }

        File.WriteAllBytes(torn, bytes);

        var read = new GrainState<TextState>();
        await _storage.ReadStateAsync("profile", Id, read);
        Assert.Equal("the old state", read.State!.Text);
        Assert.Equal(v1, read.ETag);

        read.State = TextState.Of("written over the torn slot");
        await _storage.WriteStateAsync("profile", Id, read);
        using var reopened = TestStorage.Create(_root);
        var reread = new GrainState<TextState>();
        await reopened.ReadStateAsync("profile", Id, reread);
        Assert.Equal("written over the torn slot", reread.State!.Text);
        Assert.Equal(read.ETag, reread.ETag);
    }

    [Fact]
    public async Task FileOfTheEarlierScheme_IsRead_ThenReplacedByNewerWrites()
    {
        var path = _storage.PathOf("profile", Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "rgstate1 0123abcd\n{\"Text\":\"legacy\"}");

        var state = new GrainState<TextState>();
        await _storage.ReadStateAsync("profile", Id, state);
        Assert.Equal("legacy", state.State!.Text);
        Assert.Equal("0123abcd", state.ETag);
        Assert.True(state.RecordExists);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("profile", Id, new GrainState<TextState>(TextState.Of("blind"))));
        state.State = TextState.Of("v2");
        await _storage.WriteStateAsync("profile", Id, state);
        state.State = TextState.Of("v3");
        await _storage.WriteStateAsync("profile", Id, state);

        var read = new GrainState<TextState>();
        await _storage.ReadStateAsync("profile", Id, read);
        Assert.Equal("v3", read.State!.Text);
        Assert.StartsWith("rgstate2 2 ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_RemovesBothSlots()
    {
        var state = new GrainState<TextState>(TextState.Of("v1"));
        await _storage.WriteStateAsync("profile", Id, state);
        var v1 = state.ETag;
        state.State = TextState.Of("v2");
        await _storage.WriteStateAsync("profile", Id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync("profile", Id, new GrainState<TextState>(TextState.Of("v1"), v1!)));
        await _storage.ClearStateAsync("profile", Id, state);

        var read = new GrainState<TextState>();
        await _storage.ReadStateAsync("profile", Id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.False(File.Exists(_storage.PathOf("profile", Id)));
        Assert.False(File.Exists(FileGrainStorage.AlternatePathOf(_storage.PathOf("profile", Id))));

        var after = new GrainState<TextState>(TextState.Of("after clear"));
        await _storage.WriteStateAsync("profile", Id, after);
        Assert.NotNull(after.ETag);
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        // The CRC-32C of "123456789" is 0xE3069283 (RFC 3720, iSCSI).
        Assert.Equal(0xE3069283u, StateSlot.Crc32C("123456789"u8));
        Assert.Equal(0xE3069283u, Crc32CReference.Compute("123456789"u8));

        // Every length around the 8-byte blocks of the accelerated loop.
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        for (var length = 0; length < 40; length++)
        {
            Assert.Equal(Crc32CReference.Compute(data.AsSpan(0, length)), StateSlot.Crc32C(data.AsSpan(0, length)));
        }

        Assert.Equal(Crc32CReference.Compute(data), StateSlot.Crc32C(data));
    }
}
