namespace RealtimeGrains.Simulator;

/// <summary>
/// Optional request headers of the WebSocket connect by which a client names the product session and the process it
/// connects for, so <see cref="ISimulatorInspector.GetConnectionStats"/> can count a session's upstream connections.
/// Real Azure OpenAI ignores them.
/// </summary>
public static class SimulatorConnectionHeaders
{
    /// <summary>The product session id the connection serves; connections without it are not tracked by session.</summary>
    public const string Session = "X-RealtimeGrains-Session";

    /// <summary>The name of the silo (or other process) that opened the connection.</summary>
    public const string Silo = "X-RealtimeGrains-Silo";
}
