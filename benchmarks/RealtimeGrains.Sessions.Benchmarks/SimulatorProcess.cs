using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Simulator;

namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>The simulator runs in a child process so the benchmark process's CPU and memory are the client side (and the silo) only.</summary>
internal static class SimulatorProcess
{
    public const string ApiKey = "bench-key";

    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRealtimeSimulator(o =>
        {
            o.ApiKeys.Add(ApiKey);
            o.SpeedFactor = 1;
            o.RecordSessions = false;
        });
        await using var app = builder.Build();
        app.MapRealtimeSimulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine("ready " + address);
        await Console.In.ReadLineAsync();
        await app.StopAsync();
        return 0;
    }

    public static async Task<(Process Process, Uri Address)> StartAsync()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the benchmark executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SimulatorProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the simulator.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line?.StartsWith("ready ", StringComparison.Ordinal) != true)
        {
            process.Kill();
            throw new InvalidOperationException("The simulator did not start: " + line);
        }

        return (process, new Uri(line["ready ".Length..]));
    }
}
