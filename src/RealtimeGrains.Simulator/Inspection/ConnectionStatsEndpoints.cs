using System.Buffers;
using System.Text.Json;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The connection statistics over HTTP, for a test in another process than the simulator:
/// <c>GET /_simulator/connections</c> and <c>GET /_simulator/connections/{session}</c>.
/// </summary>
internal static class ConnectionStatsEndpoints
{
    public const string Path = "/_simulator/connections";

    /// <summary><c>{"sessions":[…],"open":n,"maxConcurrent":n}</c>: every tracked session, in the order of its first connection.</summary>
    public static Task WriteAllAsync(HttpContext context, SimulatorInspector inspector)
    {
        var sessions = inspector.Connections.All();
        return WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("sessions");
            foreach (var stats in sessions)
            {
                WriteSession(writer, stats);
            }

            writer.WriteEndArray();
            writer.WriteNumber("open", sessions.Sum(s => s.Open));
            writer.WriteNumber("maxConcurrent", sessions.Count == 0 ? 0 : sessions.Max(s => s.MaxConcurrent));
            writer.WriteEndObject();
        });
    }

    /// <summary>One session's object, or 404 <c>session_not_found</c> when no connect named it.</summary>
    public static Task WriteSessionAsync(HttpContext context, SimulatorInspector inspector, string session)
    {
        // Kestrel decodes every escape of the path except %2F, so an escaped '/' in a session id is undone here.
        session = session.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var stats = inspector.Connections.Get(session);
        return stats is null
            ? new HttpFailure(StatusCodes.Status404NotFound, "session_not_found", $"No connect named the product session '{session}'.").WriteAsync(context)
            : WriteAsync(context, writer => WriteSession(writer, stats));
    }

    private static void WriteSession(Utf8JsonWriter writer, SimulatorConnectionStats stats)
    {
        writer.WriteStartObject();
        writer.WriteString("session", stats.Session);
        writer.WriteNumber("open", stats.Open);
        writer.WriteNumber("maxConcurrent", stats.MaxConcurrent);
        writer.WriteStartArray("connections");
        foreach (var connection in stats.Connections)
        {
            writer.WriteStartObject();
            writer.WriteString("silo", connection.Silo);
            writer.WriteString("simulatorSessionId", connection.SimulatorSessionId);
            writer.WriteString("openedAt", connection.OpenedAt.UtcDateTime);
            if (connection.ClosedAt is { } closedAt)
            {
                writer.WriteString("closedAt", closedAt.UtcDateTime);
            }
            else
            {
                writer.WriteNull("closedAt");
            }

            writer.WriteBoolean("keepAliveTimedOut", connection.KeepAliveTimedOut);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
