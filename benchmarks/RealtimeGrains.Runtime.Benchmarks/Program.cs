// Grain call throughput and latency beside a raw Channel<T> hand-off, and memory per idle activation.
// Usage: dotnet run -c Release --project benchmarks/RealtimeGrains.Runtime.Benchmarks -- [seconds-per-run] [idle-activations]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeGrains;
using RealtimeGrains.Runtime.Benchmarks;
using RealtimeGrains.Runtime.Benchmarks.Grains;
using RealtimeGrains.Runtime.Diagnostics;
using RealtimeGrains.Runtime.Hosting;

var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var idleActivations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var audio = new byte[4800];

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddRealtimeGrains(silo => silo.AddMemoryGrainStorage());
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

Console.WriteLine($"# Grain runtime benchmark — {Environment.ProcessorCount} cores, {RuntimeInfo()}, {seconds} s per run");
Console.WriteLine();
Console.WriteLine("| scenario | grains x callers | grain calls/s | Channel<T> calls/s | grain cost / baseline cost |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var (targets, callersPerTarget) in new[] { (1000, 1), (32, 8) })
{
    foreach (var withAudio in new[] { false, true })
    {
        var grainRefs = Enumerable.Range(0, targets).Select(i => grains.GetGrain<IBenchGrain>($"bench-{targets}-{i}")).ToArray();
        var grainRate = await MeasureAsync(targets, callersPerTarget, seconds, i => withAudio ? grainRefs[i].PushAudioAsync(audio) : grainRefs[i].PingAsync());
        var channels = Enumerable.Range(0, targets).Select(_ => new ChannelBaseline()).ToArray();
        var channelRate = await MeasureAsync(targets, callersPerTarget, seconds, i => channels[i].CallAsync(withAudio ? audio : null));
        foreach (var channel in channels)
        {
            await channel.DisposeAsync();
        }

        Console.WriteLine(
            $"| {(withAudio ? "4,800-byte audio chunk" : "empty method")} | {targets} x {callersPerTarget} | {grainRate,12:N0} | {channelRate,12:N0} | {channelRate / grainRate:F2}x |");
    }
}

Console.WriteLine();
Console.WriteLine("| latency, one caller, sequential calls | p50 µs | p99 µs |");
Console.WriteLine("|---|---:|---:|");
var latencyGrain = grains.GetGrain<IBenchGrain>("latency");
var (gp50, gp99) = await LatencyAsync(() => latencyGrain.PingAsync(), 200_000);
Console.WriteLine($"| grain, empty method | {gp50:F1} | {gp99:F1} |");
var (ga50, ga99) = await LatencyAsync(() => latencyGrain.PushAudioAsync(audio), 200_000);
Console.WriteLine($"| grain, 4,800-byte chunk | {ga50:F1} | {ga99:F1} |");
await using (var latencyChannel = new ChannelBaseline())
{
    var (cp50, cp99) = await LatencyAsync(() => latencyChannel.CallAsync(null), 200_000);
    Console.WriteLine($"| Channel<T> hand-off | {cp50:F1} | {cp99:F1} |");
}

Console.WriteLine();
var diagnostics = host.Services.GetRequiredService<IGrainRuntimeDiagnostics>();
var keys = Enumerable.Range(0, idleActivations).Select(i => $"idle-{i:D6}").ToArray();
var before = HeapAfterFullCollection();
var activeBefore = diagnostics.ActivationCount;
for (var start = 0; start < keys.Length; start += 1000)
{
    await Task.WhenAll(keys.Skip(start).Take(1000).Select(k => grains.GetGrain<IBenchGrain>(k).PingAsync()));
}

var after = HeapAfterFullCollection();
var added = diagnostics.ActivationCount - activeBefore;
var perActivation = (after - before) / (double)added;
Console.WriteLine($"| idle activations | heap growth | bytes per idle activation (grain object {GrainObjectSize()} B included) |");
Console.WriteLine("|---:|---:|---:|");
Console.WriteLine($"| {added:N0} | {(after - before) / 1024.0 / 1024.0:F1} MiB | {perActivation:F0} |");
GC.KeepAlive(keys);

await host.StopAsync();
return;

static async Task<double> MeasureAsync(int targets, int callersPerTarget, double seconds, Func<int, Task> call)
{
    // Warm-up, then every caller loops "await one call" until the deadline.
    await RunAsync(targets, callersPerTarget, Math.Min(1, seconds / 3), call);
    return await RunAsync(targets, callersPerTarget, seconds, call);
}

static async Task<double> RunAsync(int targets, int callersPerTarget, double seconds, Func<int, Task> call)
{
    var stop = 0;
    var counts = new long[targets * callersPerTarget];
    var watch = Stopwatch.StartNew();
    var callers = Enumerable.Range(0, counts.Length).Select(c => Task.Run(async () =>
    {
        var target = c % targets;
        long n = 0;
        while (Volatile.Read(ref stop) == 0)
        {
            await call(target);
            n++;
        }

        counts[c] = n;
    })).ToArray();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    Volatile.Write(ref stop, 1);
    await Task.WhenAll(callers);
    return counts.Sum() / watch.Elapsed.TotalSeconds;
}

static async Task<(double P50, double P99)> LatencyAsync(Func<Task> call, int count)
{
    for (var i = 0; i < count / 10; i++)
    {
        await call();
    }

    var samples = new double[count];
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(samples);
    return (samples[count / 2], samples[(int)(count * 0.99)]);
}

static long HeapAfterFullCollection()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

static int GrainObjectSize() => IntPtr.Size * 3; // object header, method table, the Grain base's context field

static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
