using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Recording;

/// <summary>The audio path never waits for the store: a stalled store makes the bounded queue drop audio, and flush writes what was kept.</summary>
public sealed class RecordingWriterTests
{
    [Fact]
    public async Task StalledStore_AppendsStillReturnAtOnce_TheQueueStaysBounded_AndFlushWritesWhatWasKept()
    {
        var store = new GatedRecordingStore();
        var options = new SessionRecordingOptions { Enabled = true, FlushBytes = 4800, MaxQueuedChunks = 4, WriterConcurrency = 1 };
        await using var writer = new RecordingWriter(store, Options.Create(options), new ManualTimeProvider(), NullLogger<RecordingWriter>.Instance);
        var recorder = writer.CreateRecorder("sess_stall")!;
        var chunk = new byte[4800];

        // 40 buffers' worth while the store does not answer: Append is synchronous and returns each time.
        for (var i = 0; i < 40; i++)
        {
            recorder.Append(RecordingDirection.Output, chunk);
        }

        store.Gate.SetResult();
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        // At most the queue (4) plus the one the loop had taken were kept; the rest was dropped, not held.
        Assert.InRange(store.Appends, 1, 5);
        await using var wav = await store.OpenReadAsync("sess_stall", RecordingDirection.Output);
        Assert.Equal(44 + (store.Appends * 4800), wav!.Length);
        Assert.Null(new RecordingWriter(store, Options.Create(new SessionRecordingOptions()), TimeProvider.System, NullLogger<RecordingWriter>.Instance).CreateRecorder("off"));
    }
}
