using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Host;

/// <summary>Source-generated log messages of the host (event ids 6100–6119). Never a credential or key.</summary>
internal static partial class HostLog
{
    [LoggerMessage(6101, LogLevel.Information, "RealtimeGrains is running: open {Address}/ for the voice page (upstream: {Upstream}, state: {StateStore})")]
    public static partial void Started(ILogger logger, string address, string upstream, StateStoreKind stateStore);

    [LoggerMessage(6102, LogLevel.Information, "Start-up {Component,-11}: {State}")]
    public static partial void Component(ILogger logger, string component, string state);

    [LoggerMessage(6110, LogLevel.Information, "Operator logged in to the dashboard from {Remote}; cookie valid until {Expires:u}")]
    public static partial void OperatorLoggedIn(ILogger logger, string remote, DateTimeOffset expires);

    [LoggerMessage(6111, LogLevel.Warning, "Dashboard login refused from {Remote}: not a server credential")]
    public static partial void OperatorLoginRefused(ILogger logger, string remote);
}
