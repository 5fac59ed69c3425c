using System.Diagnostics;
using System.Globalization;

namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>
/// N concurrent sessions over real loopback WebSockets against one simulator process: each streams input
/// audio at real-time pace and keeps a real-time-paced response streaming back. Reports lateness of the
/// output audio against real time, server CPU and server memory per session.
/// </summary>
internal static class LoadTest
{
    public const string ApiKey = "bench-key";

    public static async Task<int> RunAsync(LoadTestOptions options)
    {
        var url = $"http://127.0.0.1:{options.Port}";
        using var server = StartServer(url);
        try
        {
            var ready = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (ready != "ready")
            {
                Console.Error.WriteLine($"Simulator did not start: {ready}");
                return 1;
            }

            await Task.Delay(1000);
            server.Refresh();
            var idleMemory = server.WorkingSet64;
            var idleHeap = await LiveHeapAsync(server);
            Console.WriteLine($"Simulator pid {server.Id} at {url}; idle working set {idleMemory / 1048576.0:0.0} MiB");
            Console.WriteLine($"Starting {options.Sessions} {(options.Idle ? "idle" : "streaming")} sessions over {options.RampSeconds}s, then measuring {options.Seconds}s (input chunks of {options.ChunkMs} ms)");

            var stats = new LoadStats();
            using var stop = new CancellationTokenSource();
            var append = BenchSession.AppendMessage(options.ChunkMs);
            var uri = new Uri($"ws://127.0.0.1:{options.Port}/openai/v1/realtime?model=gpt-realtime");
            var sessions = new List<Task>(options.Sessions);
            var rampDelay = TimeSpan.FromMilliseconds(options.RampSeconds * 1000.0 / Math.Max(1, options.Sessions));
            for (var i = 0; i < options.Sessions; i++)
            {
                sessions.Add(Task.Run(async () =>
                {
                    using var session = new BenchSession(uri, options.ChunkMs, options.Idle, stats);
                    await session.RunAsync(append, stop.Token);
                }));
                if (i % 50 == 49)
                {
                    Console.WriteLine($"  {i + 1} sessions started, {Interlocked.Read(ref stats.Connected)} connected");
                }

                await Task.Delay(rampDelay);
            }

            // Let the last sessions settle, then measure a clean window.
            await Task.Delay(TimeSpan.FromSeconds(3));
            stats.OutputLateness.Reset();
            stats.InputLateness.Reset();
            server.Refresh();
            var cpuStart = server.TotalProcessorTime;
            var clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            await CommandAsync(server, "pacing-reset");
            var wall = Stopwatch.StartNew();
            var outputStart = Interlocked.Read(ref stats.OutputChunks);
            var inputStart = Interlocked.Read(ref stats.InputChunks);
            long peakMemory = 0;
            for (var second = 5; second <= options.Seconds; second += 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                server.Refresh();
                peakMemory = Math.Max(peakMemory, server.WorkingSet64);
                var cpu = (server.TotalProcessorTime - cpuStart).TotalSeconds / wall.Elapsed.TotalSeconds;
                Console.WriteLine(
                    $"  t={second,3}s connected={Interlocked.Read(ref stats.Connected)} out p50/p99={stats.OutputLateness.Percentile(0.5)}/{stats.OutputLateness.Percentile(0.99)} ms " +
                    $"server cpu={cpu * 100:0}% ws={server.WorkingSet64 / 1048576.0:0} MiB failures={Interlocked.Read(ref stats.Failures)}");
            }

            server.Refresh();
            var cpuSeconds = (server.TotalProcessorTime - cpuStart).TotalSeconds;
            var seconds = wall.Elapsed.TotalSeconds;
            var clientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuStart).TotalSeconds;
            var pacing = (await CommandAsync(server, "pacing")).Split(' ');
            var loadedHeap = await LiveHeapAsync(server);
            var cores = cpuSeconds / seconds;
            var connected = Interlocked.Read(ref stats.Connected);
            var outputRate = (Interlocked.Read(ref stats.OutputChunks) - outputStart) / seconds;
            var inputRate = (Interlocked.Read(ref stats.InputChunks) - inputStart) / seconds;
            var p99 = stats.OutputLateness.Percentile(0.99);
            var serverPaced = long.Parse(pacing[1], CultureInfo.InvariantCulture);
            var serverLate = long.Parse(pacing[2], CultureInfo.InvariantCulture);

            // A client with a 100 ms jitter buffer hears no gap unless a delta is more than 100 ms late.
            var keptUp = serverLate <= serverPaced / 1000 && stats.Failures == 0;
            await stop.CancelAsync();
            await Task.WhenAll(sessions).WaitAsync(TimeSpan.FromSeconds(30));

            var report = string.Create(CultureInfo.InvariantCulture, $"""

                Result ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version})
                  sessions connected           {connected} of {options.Sessions} (failures {stats.Failures}, error events {stats.ErrorEvents})
                  input audio chunks/s         {inputRate:0} (expected {connected * 1000.0 / options.ChunkMs:0})
                  output audio deltas/s        {outputRate:0} (real time: {connected * 10:0} at 100 ms per delta)
                  server pacing                {pacing[1]} paced deltas, {pacing[2]} sent > 100 ms late, max lateness {pacing[3]} ms
                  server kept up with real time {(keptUp ? "yes" : "no")} (at most 0.1 % of deltas > 100 ms late inside the simulator, no failures)
                  client-observed lateness     p50/p99/max {stats.OutputLateness.Percentile(0.5)} / {p99} / {stats.OutputLateness.Percentile(1.0)} ms (includes the load generator's own CPU starvation)
                  server CPU                   {cpuSeconds:0.0} s over {seconds:0.0} s = {cores:0.00} cores
                  sessions per server core     {(cores > 0 ? connected / cores : 0):0}
                  load generator CPU           {clientCpuSeconds:0.0} s = {clientCpuSeconds / seconds:0.00} cores (same machine)
                  server CPU per session       {cpuSeconds * 1000 / Math.Max(1, connected) / seconds:0.00} ms per second
                  server working set           idle {idleMemory / 1048576.0:0} MiB, peak {peakMemory / 1048576.0:0} MiB = {(peakMemory - idleMemory) / 1024.0 / Math.Max(1, connected):0} KiB per session
                  server live heap (after GC)  idle {idleHeap / 1048576.0:0.0} MiB, loaded {loadedHeap / 1048576.0:0.0} MiB = {(loadedHeap - idleHeap) / 1024.0 / Math.Max(1, connected):0.0} KiB per session
                """);
            Console.WriteLine(report);
            return keptUp ? 0 : 2;
        }
        finally
        {
            try
            {
                await server.StandardInput.WriteLineAsync();
                await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
            {
                server.Kill();
            }
        }
    }

    private static async Task<long> LiveHeapAsync(Process server)
    {
        var line = await CommandAsync(server, "gc");
        return line.StartsWith("heap ", StringComparison.Ordinal) ? long.Parse(line[5..], CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<string> CommandAsync(Process server, string command)
    {
        await server.StandardInput.WriteLineAsync(command);
        return await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty;
    }

    private static Process StartServer(string url)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the benchmark executable.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadTest).Assembly.Location);
        }

        start.ArgumentList.Add("--serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the simulator process.");
    }
}
