// Orleans 10 grain-call cost beside a raw Channel<T> hand-off in the same run, and memory per idle activation.
// Usage: dotnet run -c Release --project benchmarks/RealtimeGrains.Orleans.Benchmarks -- [--rounds N] [--calls N] [--activations N] [--quick]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using RealtimeGrains.OrleansBenchmarks;
using RealtimeGrains.OrleansBenchmarks.Grains;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchmarkOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var total = Stopwatch.StartNew();
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "RealtimeGrains.Orleans.Benchmarks" });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo
    // Free ports rather than 11111/30000, so that a silo someone else runs on the machine does not collide.
    .UseLocalhostClustering(siloPort: FreeTcpPort(), gatewayPort: FreeTcpPort(), serviceId: "bench", clusterId: $"bench-{Environment.ProcessId}")
    .Configure<GrainCollectionOptions>(collection => collection.CollectionAge = TimeSpan.FromHours(2)));
using var host = builder.Build();
await host.StartAsync();

// Calls from outside any grain: they go through the silo's hosted client, in process, no network and no serialization.
var grains = host.Services.GetRequiredService<IGrainFactory>();

Console.WriteLine($"# Orleans grain-call benchmark — {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, " +
    $"Orleans {OrleansVersion()}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode})");
Console.WriteLine($"{options.Rounds} measured rounds of {options.Calls:N0} calls per scenario (after warm-up), {options.Activations:N0} idle activations" +
    $"{(options.Quick ? ", --quick" : "")}; load average at start: {LoadAverage()}");
Console.WriteLine();

// Does the [Immutable] parameter really skip the copy? The grain writes into what it receives.
var copyCheck = grains.GetGrain<IBenchGrain>("copy-check");
var probe = new byte[4800];
await copyCheck.ScribbleAsync(probe);
var copiedIsCopy = probe[0] == 0;
probe[0] = 0;
await copyCheck.ScribbleImmutableAsync(probe);
var immutableIsCopy = probe[0] == 0;
Console.WriteLine($"copy check: byte[] parameter -> grain got {(copiedIsCopy ? "a copy" : "the caller's array")}; " +
    $"[Immutable] byte[] parameter -> grain got {(immutableIsCopy ? "a copy" : "the caller's array")}");
Console.WriteLine();

var audio = new byte[4800]; // 100 ms of PCM16 mono at 24 kHz
Shape[] shapes = [new(1, 1), new(8, 1), new(8, 8)];
// Global warm-up: every measured call path, mixed and concurrent, before the first measured scenario.
Console.WriteLine($"warm-up: {options.GlobalWarmup.TotalSeconds:F1} s of mixed calls ...");
var warmupShape = new Shape(8, 8);
var warmupGrains = Enumerable.Range(0, warmupShape.Targets).Select(i => grains.GetGrain<IBenchGrain>($"warmup-{i}")).ToArray();
await using (var warmupChannel = new ChannelBaseline())
{
    await CallBenchmark.WarmUpAsync(warmupShape, 200, options.GlobalWarmup, t => (t % 4) switch
    {
        0 => warmupGrains[t].PingAsync(),
        1 => warmupGrains[t].PushAudioAsync(audio),
        2 => warmupGrains[t].PushImmutableAudioAsync(audio),
        _ => warmupChannel.CallAsync(audio),
    });
}

var results = new List<RoundResult>();
foreach (var shape in shapes)
{
    var refs = Enumerable.Range(0, shape.Targets).Select(i => grains.GetGrain<IBenchGrain>($"bench-{shape.Label}-{i}")).ToArray();
    await Task.WhenAll(refs.Select(g => g.PingAsync())); // activate before timing

    var channels = Enumerable.Range(0, shape.Targets).Select(_ => new ChannelBaseline()).ToArray();
    results.AddRange(await CallBenchmark.RunAsync(
        shape,
        [
            new("grain: empty call", t => refs[t].PingAsync()),
            new("grain: 4,800 B chunk, copied", t => refs[t].PushAudioAsync(audio)),
            new("grain: 4,800 B chunk, [Immutable]", t => refs[t].PushImmutableAudioAsync(audio)),
            new("Channel<T> hand-off, 4,800 B chunk", t => channels[t].CallAsync(audio)),
        ],
        options.Rounds,
        options.Calls,
        options.ScenarioWarmup));
    foreach (var channel in channels)
    {
        await channel.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine("## Calls — median of rounds");
Console.WriteLine();
Console.WriteLine("| scenario | grains x callers each | calls/s | µs/call | µs round trip per caller | rounds min–max calls/s | µs/call vs Channel<T> |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var result in results)
{
    var channel = results.Single(r => r.Shape == result.Shape && r.Scenario.StartsWith("Channel", StringComparison.Ordinal));
    Console.WriteLine($"| {result.Scenario} | {result.Shape.Label} | {result.MedianCallsPerSecond:N0} | {result.MicrosecondsPerCall:F2} | " +
        $"{result.MicrosecondsRoundTrip:F2} | {result.MinCallsPerSecond:N0}–{result.MaxCallsPerSecond:N0} | " +
        $"{(ReferenceEquals(result, channel) ? "baseline" : $"{result.MicrosecondsPerCall / channel.MicrosecondsPerCall:F1}x")} |");
}

Console.WriteLine();
foreach (var shape in shapes)
{
    var copied = results.Single(r => r.Shape == shape && r.Scenario.EndsWith("copied", StringComparison.Ordinal));
    var immutable = results.Single(r => r.Shape == shape && r.Scenario.EndsWith("[Immutable]", StringComparison.Ordinal));
    var empty = results.Single(r => r.Shape == shape && r.Scenario.EndsWith("empty call", StringComparison.Ordinal));
    Console.WriteLine($"{shape.Label}: copying the chunk adds {copied.MicrosecondsPerCall - immutable.MicrosecondsPerCall:F2} µs/call " +
        $"over [Immutable]; [Immutable] chunk vs empty call: {immutable.MicrosecondsPerCall - empty.MicrosecondsPerCall:+0.00;-0.00} µs/call");
}

// Memory per idle activation: activate N more grains with one call each, compare the heap after full collections.
Console.WriteLine();
Console.WriteLine($"activating {options.Activations:N0} idle grains ...");
var management = grains.GetGrain<IManagementGrain>(0);
var activationsBefore = await management.GetTotalActivationCount();
var heapBefore = HeapAfterFullCollection();
var workingSetBefore = WorkingSet();
var activationWatch = Stopwatch.StartNew();
const int Batch = 1000;
for (var start = 0; start < options.Activations; start += Batch)
{
    var count = Math.Min(Batch, options.Activations - start);
    await Task.WhenAll(Enumerable.Range(start, count).Select(i => grains.GetGrain<IBenchGrain>($"idle-{i:D6}").PingAsync()));
}

var activationSeconds = activationWatch.Elapsed.TotalSeconds;
var heapAfter = HeapAfterFullCollection();
var workingSetAfter = WorkingSet();
var activationsAfter = await management.GetTotalActivationCount();
var added = activationsAfter - activationsBefore;
Console.WriteLine($"  {options.Activations:N0} first calls in {activationSeconds:F2} s ({options.Activations / activationSeconds:N0} activations/s); " +
    $"activation count {activationsBefore:N0} -> {activationsAfter:N0}");
Console.WriteLine();
Console.WriteLine("## Idle activations");
Console.WriteLine();
Console.WriteLine("| activations added | GC heap before → after | bytes per activation (heap) | working set before → after | bytes per activation (working set) |");
Console.WriteLine("|---:|---:|---:|---:|---:|");
Console.WriteLine($"| {added:N0} | {MiB(heapBefore)} → {MiB(heapAfter)} | {(heapAfter - heapBefore) / (double)added:N0} | " +
    $"{MiB(workingSetBefore)} → {MiB(workingSetAfter)} | {(workingSetAfter - workingSetBefore) / (double)added:N0} |");

Console.WriteLine();
Console.WriteLine($"load average at end: {LoadAverage()}; benchmark time {total.Elapsed.TotalSeconds:F0} s (stopping the silo)");
await host.StopAsync();
return 0;

static long HeapAfterFullCollection()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

static long WorkingSet()
{
    using var process = Process.GetCurrentProcess();
    return process.WorkingSet64;
}

static string MiB(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";

static int FreeTcpPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string OrleansVersion() =>
    typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+', ' ')[0].TrimEnd('.') ?? "?";
