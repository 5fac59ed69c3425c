namespace RealtimeGrains.LoadGen;

/// <summary>The paths a session can take to the simulator.</summary>
internal static class LoadPaths
{
    /// <summary>Client → simulator.</summary>
    public const string Direct = "direct";

    /// <summary>Client → minimal pass-through WebSocket relay → simulator.</summary>
    public const string Relay = "relay";

    /// <summary>Client → host gateway (Realtime-compatible endpoint) → session → simulator.</summary>
    public const string Gateway = "gateway";

    /// <summary>Client → gateway of the baseline host (another build, <c>--baseline-host</c>) → session → simulator.</summary>
    public const string Baseline = "gateway-baseline";

    /// <summary>Node <c>@microsoft/signalr</c> client → host SignalR hub → session → simulator.</summary>
    public const string SignalR = "signalr";

    public static readonly string[] All = [Direct, Relay, Gateway, Baseline, SignalR];
}
