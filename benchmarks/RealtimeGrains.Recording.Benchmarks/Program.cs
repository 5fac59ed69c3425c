using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RealtimeGrains.Recording.Benchmarks;
using RealtimeGrains.Sessions.Recording;
using RealtimeGrains.Sessions.Transcripts;

// What recording costs the audio path (the copy into the session's buffer, on the grain's thread) and whether the
// background writer keeps up with many sessions recording in real time on the file store.
// Usage: [--sessions N] [--seconds S]
var sessions = Arg("--sessions", 200);
var seconds = Arg("--seconds", 20);
const int ChunkBytes = 4800; // 100 ms of PCM16 24 kHz, the page's capture size
var chunk = new byte[ChunkBytes];
Random.Shared.NextBytes(chunk);
var options = new SessionRecordingOptions { Enabled = true };

// 1. The audio path: Append per 100 ms chunk, storage discarded.
var discard = new DiscardingStore();
await using (var writer = new RecordingWriter(discard, Options.Create(options), TimeProvider.System, NullLogger<RecordingWriter>.Instance))
{
    var recorder = writer.CreateRecorder("bench")!;
    for (var i = 0; i < 20_000; i++)
    {
        recorder.Append(RecordingDirection.Input, chunk); // warm-up
    }

    const int Chunks = 500_000;
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < Chunks; i++)
    {
        recorder.Append(RecordingDirection.Input, chunk);
    }

    watch.Stop();
    var perChunkNs = watch.Elapsed.TotalNanoseconds / Chunks;
    var perChunkAlloc = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Chunks;
    await recorder.FlushAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audio path: {perChunkNs:0} ns and {perChunkAlloc:0.0} B allocated per 100 ms chunk on the calling thread ({Chunks} chunks; store discarding)"));
}

// 2. The writer: N sessions recording both directions in real time (one 100 ms chunk per direction per session every
//    100 ms) into the file store; what was stored, what was dropped, and the process CPU it took.
var root = Path.Combine(Path.GetTempPath(), "rg-recording-bench-" + Guid.NewGuid().ToString("N"));
try
{
    var store = new FileRecordingStore(root);
    await using var writer = new RecordingWriter(store, Options.Create(options), TimeProvider.System, NullLogger<RecordingWriter>.Instance);
    var recorders = Enumerable.Range(0, sessions).Select(i => writer.CreateRecorder($"sess_{i}")!).ToArray();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
    {
        for (var tick = 0; tick < seconds * 10 && await timer.WaitForNextTickAsync(); tick++)
        {
            foreach (var recorder in recorders)
            {
                recorder.Append(RecordingDirection.Input, chunk);
                recorder.Append(RecordingDirection.Output, chunk);
            }
        }
    }

    await Task.WhenAll(recorders.Select(r => r.FlushAsync()));
    watch.Stop();
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var written = Directory.GetFiles(Path.Combine(root, "recordings"), "*.wav", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length - 44);
    var offered = (long)sessions * seconds * 10 * ChunkBytes * 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"file store, real time: {sessions} sessions × 2 directions × {seconds} s: {written / 1e6:0.0} of {offered / 1e6:0.0} MB stored ({(offered - written) / 1e6:0.0} MB dropped) in {watch.Elapsed.TotalSeconds:0.0} s; process CPU {cpuUsed.TotalSeconds / watch.Elapsed.TotalSeconds * 100:0.0} % of one core"));
}
finally
{
    Directory.Delete(root, recursive: true);
}

int Arg(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
