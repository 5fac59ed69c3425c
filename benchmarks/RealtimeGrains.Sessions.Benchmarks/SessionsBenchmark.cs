using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>
/// N sessions streaming real-time audio (100 ms chunks) and asking for a spoken response every 2 s, first straight to
/// the simulator (baseline), then through session grains in one Orleans silo, against the same simulator process in the same
/// run. Reports this process's CPU and live heap per session (the simulator's are outside it) and the latency from a
/// ping to its first audio delta.
/// </summary>
internal static class SessionsBenchmark
{
    private static readonly byte[] s_silence = new byte[4800];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        var (simulator, address) = await SimulatorProcess.StartAsync();
        try
        {
            Console.WriteLine($"Simulator pid {simulator.Id} at {address}; {options.Sessions} sessions per phase, {options.WarmupSeconds}s warm-up, {options.Seconds}s measured");
            using var silo = await StartSiloAsync(address);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            List<ISessionDriver> Direct(int count, LatencyRecorder latency) => [.. Enumerable.Range(0, count).Select(_ => new DirectDriver(address, latency))];
            List<ISessionDriver> ThroughGrains(int count, LatencyRecorder latency) =>
                [.. Enumerable.Range(0, count).Select(_ => new GrainDriver(grains, "bench-" + Guid.NewGuid().ToString("N"), latency))];

            // An unmeasured round of both paths first, so neither phase pays for JIT compilation.
            var warmup = options with { Sessions = 4, Seconds = 2, WarmupSeconds = 1 };
            await RunPhaseAsync("warm-up, direct", warmup, latency => Direct(warmup.Sessions, latency));
            await RunPhaseAsync("warm-up, grains", warmup, latency => ThroughGrains(warmup.Sessions, latency));

            var direct = await RunPhaseAsync("direct to simulator", options, latency => Direct(options.Sessions, latency));
            var throughGrains = await RunPhaseAsync("through session grains", options, latency => ThroughGrains(options.Sessions, latency));
            await silo.StopAsync();

            Report(options, direct, throughGrains);
            return 0;
        }
        finally
        {
            await simulator.StandardInput.WriteLineAsync();
            await simulator.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>
    /// One Orleans silo in this process (localhost clustering on a free loopback port, no client gateway, memory grain
    /// state): the drivers call through the silo's own grain factory, as the co-hosted gateway does.
    /// </summary>
    private static async Task<IHost> StartSiloAsync(Uri simulator)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var siloPort = FreePort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0, serviceId: "realtimegrains-bench", clusterId: "bench-" + siloPort);
            silo.AddMemoryGrainStorageAsDefault();
            silo.Services.AddRealtimeSessions(o =>
            {
                o.Upstream.Endpoint = simulator;
                o.Upstream.ApiKey = SimulatorProcess.ApiKey;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A free loopback port (bound, read, released).</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<PhaseResult> RunPhaseAsync(string name, BenchmarkOptions options, Func<LatencyRecorder, List<ISessionDriver>> create)
    {
        Console.WriteLine($"Phase: {name}");
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var latency = new LatencyRecorder();
        var drivers = create(latency);
        await Task.WhenAll(drivers.Select(d => d.StartAsync(CancellationToken.None)));
        using var stop = new CancellationTokenSource();
        long chunks = 0;
        var loops = drivers.Select((d, i) => Task.Run(() => DriveAsync(d, i, () => Interlocked.Increment(ref chunks), stop.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
        latency.Reset();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var chunksStart = Interlocked.Read(ref chunks);
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var seconds = wall.Elapsed.TotalSeconds;
        var sent = Interlocked.Read(ref chunks) - chunksStart;
        var heapLoaded = GC.GetTotalMemory(forceFullCollection: true);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        await Task.WhenAll(drivers.Select(d => d.DisposeAsync().AsTask()));
        var result = new PhaseResult(name, drivers.Count, seconds, cpu, (heapLoaded - heapBefore) / (double)drivers.Count, latency.Count, latency.Percentile(0.5), latency.Percentile(0.99), sent);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cpu {cpu:0.00} s over {seconds:0.0} s, {result.Pings} pings, p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms, {sent / seconds:0} audio chunks/s"));
        return result;
    }

    /// <summary>Every 100 ms one chunk of audio; every 2 s (staggered per session) a ping unless a response still streams.</summary>
    private static async Task DriveAsync(ISessionDriver driver, int index, Action chunkSent, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var tick = index % 20;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await driver.AppendAsync(s_silence);
                chunkSent();
                if (++tick % 20 == 0 && !driver.ResponseActive)
                {
                    await driver.PingAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Report(BenchmarkOptions options, PhaseResult direct, PhaseResult grains)
    {
        string Row(PhaseResult r) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {r.Name} | {r.Sessions} | {r.CpuSeconds * 1000 / r.Seconds / r.Sessions:0.00} | {r.HeapBytesPerSession / 1024:0} | {r.Pings} | {r.P50:0.0} | {r.P99:0.0} | {r.AudioChunksSent / r.Seconds:0} |");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Result ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {options.Seconds}s measured per phase)"));
        Console.WriteLine("| path | sessions | CPU ms per session-second (this process) | live heap KiB per session | pings | first audio p50 ms | p99 ms | audio chunks/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(Row(direct));
        Console.WriteLine(Row(grains));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Grain path adds: {(grains.CpuSeconds / grains.Seconds - direct.CpuSeconds / direct.Seconds) * 1000 / grains.Sessions:0.00} ms CPU per session-second, {(grains.HeapBytesPerSession - direct.HeapBytesPerSession) / 1024:0} KiB per session, {grains.P50 - direct.P50:0.0} ms p50 / {grains.P99 - direct.P99:0.0} ms p99 latency."));
    }
}
