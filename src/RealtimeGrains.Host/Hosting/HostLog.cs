using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Host;

/// <summary>Source-generated log messages of the host (event ids 6100–6119).</summary>
internal static partial class HostLog
{
    [LoggerMessage(6101, LogLevel.Information, "RealtimeGrains is running: open {Address}/ for the voice page (upstream: {Upstream}, state: {StateStore})")]
    public static partial void Started(ILogger logger, string address, string upstream, StateStoreKind stateStore);
}
