using System.Text.Json;
using RealtimeGrains.TestKit.Cluster;

namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>Reads the host's diagnostics endpoint (started with <c>--Host:DiagnosticsEndpoint=true</c>) and counts its sockets.</summary>
internal static class HostDiagnostics
{
    public static async Task<HostSample> SampleAsync(HostProcess host, CancellationToken cancellationToken)
    {
        using var response = await host.Http.GetAsync(new Uri("/_host/diagnostics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = json.RootElement;
        var sessions = 0;
        foreach (var type in root.GetProperty("activationsByType").EnumerateObject())
        {
            if (type.Name.Contains("RealtimeSessionGrain", StringComparison.Ordinal))
            {
                sessions += type.Value.GetInt32();
            }
        }

        return new HostSample(root.GetProperty("heapBytes").GetInt64(), root.GetProperty("activations").GetInt32(), sessions, root.GetProperty("timers").GetInt32(), Sockets(host.Pid));
    }

    /// <summary>Socket handles among the process's file descriptors (Linux); -1 where that cannot be read.</summary>
    private static int Sockets(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd").Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
