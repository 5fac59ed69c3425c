using System.Buffers.Binary;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Tests.Recording;

/// <summary>The file and memory stores: appends keep the WAV header consistent; retention reads the time of the last write.</summary>
public sealed class RecordingStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-store-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Stores => ["file", "memory"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Appends_KeepTheHeaderConsistent_AndRetentionDeletesOnlyOldRecordings(string kind)
    {
        IRecordingStore store = kind == "file" ? new FileRecordingStore(_root) : new MemoryRecordingStore();
        var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        byte[] first = [.. Enumerable.Range(0, 4800).Select(i => (byte)i)];
        byte[] second = [.. Enumerable.Range(0, 960).Select(i => (byte)(i * 7))];

        await store.AppendAsync("sess/../a", RecordingDirection.Input, first, t0);
        await store.AppendAsync("sess/../a", RecordingDirection.Input, second, t0.AddMinutes(1));
        await store.AppendAsync("b", RecordingDirection.Output, first, t0.AddDays(2));

        var wav = await ReadAllAsync(store, "sess/../a", RecordingDirection.Input);
        Assert.Equal(44 + first.Length + second.Length, wav.Length);
        Assert.Equal((uint)(wav.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));
        Assert.Equal((uint)(first.Length + second.Length), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
        Assert.Equal([.. first, .. second], wav[44..]);
        Assert.Null(await store.OpenReadAsync("sess/../a", RecordingDirection.Output));
        if (kind == "file")
        {
            Assert.All(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), f => Assert.StartsWith(Path.Combine(_root, "recordings"), f, StringComparison.Ordinal));
        }

        Assert.Equal(0, await store.DeleteOlderThanAsync(t0.AddMinutes(1)));
        Assert.Equal(1, await store.DeleteOlderThanAsync(t0.AddDays(1)));
        Assert.Null(await store.OpenReadAsync("sess/../a", RecordingDirection.Input));
        Assert.NotNull(await ReadAllAsync(store, "b", RecordingDirection.Output));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task<byte[]> ReadAllAsync(IRecordingStore store, string sessionId, RecordingDirection direction)
    {
        await using var stream = await store.OpenReadAsync(sessionId, direction) ?? throw new InvalidOperationException("no recording");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
