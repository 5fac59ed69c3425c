using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>The simulator process under test: real time pacing, no session records.</summary>
internal static class SimulatorHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--serve").ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        builder.Services.AddRealtimeSimulator(o =>
        {
            o.ApiKeys.Add(LoadTest.ApiKey);
            o.RecordSessions = false;
            o.SpeedFactor = 1;
        });
        var app = builder.Build();
        app.MapRealtimeSimulator();
        await app.StartAsync();
        Console.WriteLine("ready");

        // "gc" reports the live heap after a full collection; an empty line stops the host.
        // "pacing-reset" starts a measurement window; "pacing" prints chunks, late chunks and max lateness.
        var inspector = app.Services.GetRequiredService<ISimulatorInspector>();
        while (await Console.In.ReadLineAsync() is { Length: > 0 } command)
        {
            switch (command)
            {
                case "gc":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Console.WriteLine($"heap {GC.GetTotalMemory(forceFullCollection: true)}");
                    break;
                case "pacing-reset":
                    inspector.ResetPacingStats();
                    Console.WriteLine("ok");
                    break;
                case "pacing":
                    var stats = inspector.PacingStats;
                    Console.WriteLine(FormattableString.Invariant($"pacing {stats.AudioChunks} {stats.LateChunks} {stats.MaxLatenessMs:0}"));
                    break;
            }
        }

        await app.StopAsync();
        return 0;
    }
}
