using System.Buffers.Binary;
using Azure.Storage.Blobs;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;
using RealtimeGrains.TestKit.Azurite;

namespace RealtimeGrains.Sessions.Tests.Recording;

/// <summary>The blob store on Azurite: two writers of one recording (a failover's stale activation) never lose each other's audio.</summary>
public sealed class BlobRecordingStoreTests
{
    [Fact]
    public async Task TwoWriters_AppendToOneRecording_EveryChunkKeptInCommitOrder_HeaderConsistent_AndRetentionReadsTheMetadata()
    {
        await using var azurite = await AzuriteServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(90));
        BlobContainerClient Container() => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("grainstate");
        var first = new BlobRecordingStore(Container);
        var second = new BlobRecordingStore(Container);
        var t0 = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        byte[] a1 = [.. Enumerable.Repeat((byte)1, 4800)], b1 = [.. Enumerable.Repeat((byte)2, 960)], a2 = [.. Enumerable.Repeat((byte)3, 2400)];

        await first.AppendAsync("sess_two", RecordingDirection.Output, a1, t0);
        await second.AppendAsync("sess_two", RecordingDirection.Output, b1, t0.AddSeconds(1)); // reads the list first
        await first.AppendAsync("sess_two", RecordingDirection.Output, a2, t0.AddSeconds(2)); // its cached list is stale: retried

        await using (var stream = await second.OpenReadAsync("sess_two", RecordingDirection.Output))
        {
            using var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            var wav = copy.ToArray();
            Assert.Equal((uint)(wav.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));
            Assert.Equal((uint)(a1.Length + b1.Length + a2.Length), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(40)));
            Assert.Equal([.. a1, .. b1, .. a2], wav[44..]);
        }

        await first.AppendAsync("sess_new", RecordingDirection.Input, a1, t0.AddDays(3));
        Assert.Equal(0, await second.DeleteOlderThanAsync(t0));
        Assert.Equal(1, await second.DeleteOlderThanAsync(t0.AddDays(1)));
        Assert.Null(await first.OpenReadAsync("sess_two", RecordingDirection.Output));
        Assert.NotNull(await first.OpenReadAsync("sess_new", RecordingDirection.Input));
    }
}
