using System.Net;
using System.Text.Json;
using Orleans.Runtime;

namespace RealtimeGrains.Host;

/// <summary>
/// <c>GET /_host/diagnostics</c> (with <c>Host:DiagnosticsEndpoint=true</c>, loopback callers only): what a soak run checks
/// for leaks from outside the process. A full blocking, compacting collection first, so <c>heapBytes</c> is what is live;
/// then the silo's activations by grain type (Orleans' management grain), the process's active timers, thread-pool
/// threads and open socket handles. <c>{"heapBytes":n,"activations":n,"activationsByType":{…},"timers":n,"threads":n}</c>.
/// </summary>
internal static class HostDiagnosticsEndpoint
{
    public const string Path = "/_host/diagnostics";

    public static async Task HandleAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBytes = GC.GetTotalMemory(forceFullCollection: false);

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics().ConfigureAwait(false);
        var byType = statistics
            .GroupBy(s => s.GrainType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("heapBytes", heapBytes);
        writer.WriteNumber("activations", byType.Values.Sum());
        writer.WriteStartObject("activationsByType");
        foreach (var (type, count) in byType.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(type, count);
        }

        writer.WriteEndObject();
        writer.WriteNumber("timers", Timer.ActiveCount);
        writer.WriteNumber("threads", ThreadPool.ThreadCount);
        writer.WriteEndObject();
    }
}
