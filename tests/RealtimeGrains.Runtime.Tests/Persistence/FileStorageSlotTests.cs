using System.Text;
using RealtimeGrains.Runtime.Persistence;

namespace RealtimeGrains.Runtime.Tests.Persistence;

/// <summary>The file store's two slots: writes alternate, a torn slot is ignored, files of the earlier scheme still read.</summary>
public sealed class FileStorageSlotTests : IDisposable
{
    private static readonly GrainId Id = new("test.IProfileGrain", "slots");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-slots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_AlternateBetweenTheTwoSlots_AndReadTheNewest()
    {
        var storage = new FileGrainStorage(_root);
        var first = storage.PathOf("profile", Id);
        var second = FileGrainStorage.AlternatePathOf(first);
        var etag = await storage.WriteAsync("profile", Id, Bytes("v1"), null);
        Assert.True(File.Exists(first));
        Assert.False(File.Exists(second));

        etag = await storage.WriteAsync("profile", Id, Bytes("v2"), etag);
        Assert.True(File.Exists(second));
        etag = await storage.WriteAsync("profile", Id, Bytes("v3, longer than before"), etag);
        await storage.WriteAsync("profile", Id, Bytes("v4"), etag);

        Assert.Contains("v3, longer than before", File.ReadAllText(first), StringComparison.Ordinal);
        Assert.Contains("v4", File.ReadAllText(second), StringComparison.Ordinal);
        Assert.Equal("v4", Text(await storage.ReadAsync("profile", Id)));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("header")]
    [InlineData("zeros")]
    public async Task NewestSlotTorn_ReadsThePreviousState_AndTheNextWriteKeepsItsEtag(string damage)
    {
        var storage = new FileGrainStorage(_root);
        var v1 = await storage.WriteAsync("profile", Id, Bytes("the old state"), null);
        await storage.WriteAsync("profile", Id, Bytes("the new state, torn by a crash"), v1);
        var torn = FileGrainStorage.AlternatePathOf(storage.PathOf("profile", Id));
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
        }

        File.WriteAllBytes(torn, bytes);

        var record = await storage.ReadAsync("profile", Id);
        Assert.Equal("the old state", Text(record));
        Assert.Equal(v1, record!.Etag);
        var v3 = await storage.WriteAsync("profile", Id, Bytes("written over the torn slot"), v1);
        var reread = await new FileGrainStorage(_root).ReadAsync("profile", Id);
        Assert.Equal("written over the torn slot", Text(reread));
        Assert.Equal(v3, reread!.Etag);
    }

    [Fact]
    public async Task FileOfTheEarlierScheme_IsRead_ThenReplacedByNewerWrites()
    {
        var storage = new FileGrainStorage(_root);
        var path = storage.PathOf("profile", Id);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "rgstate1 0123abcd\n\"legacy\"");

        var record = await storage.ReadAsync("profile", Id);
        Assert.Equal("\"legacy\"", Text(record));
        Assert.Equal("0123abcd", record!.Etag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("profile", Id, Bytes("blind"), null));
        var v2 = await storage.WriteAsync("profile", Id, Bytes("v2"), "0123abcd");
        await storage.WriteAsync("profile", Id, Bytes("v3"), v2);

        Assert.Equal("v3", Text(await storage.ReadAsync("profile", Id)));
        Assert.StartsWith("rgstate2 ", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_RemovesBothSlots()
    {
        var storage = new FileGrainStorage(_root);
        var v1 = await storage.WriteAsync("profile", Id, Bytes("v1"), null);
        var v2 = await storage.WriteAsync("profile", Id, Bytes("v2"), v1);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("profile", Id, v1));
        await storage.ClearAsync("profile", Id, v2);

        Assert.Null(await storage.ReadAsync("profile", Id));
        Assert.False(File.Exists(storage.PathOf("profile", Id)));
        Assert.False(File.Exists(FileGrainStorage.AlternatePathOf(storage.PathOf("profile", Id))));
        Assert.NotNull(await storage.WriteAsync("profile", Id, Bytes("after clear"), null));
    }

    [Fact]
    public void Crc32C_MatchesTheStandardCheckValue()
    {
        // The CRC-32C of "123456789" is 0xE3069283 (RFC 3720, iSCSI).
        Assert.Equal(0xE3069283u, StateSlot.Crc32C("123456789"u8));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(GrainStateRecord? record) => record is null ? null : Encoding.UTF8.GetString(record.Data);
}
