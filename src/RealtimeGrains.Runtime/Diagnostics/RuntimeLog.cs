using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Runtime.Diagnostics;

/// <summary>The runtime's log messages (event ids 4000-4099 are the runtime's).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(4001, LogLevel.Debug, "Activated grain {GrainId}")]
    public static partial void Activated(this ILogger logger, GrainId grainId);

    [LoggerMessage(4002, LogLevel.Warning, "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(4003, LogLevel.Debug, "Deactivated grain {GrainId} ({Reason})")]
    public static partial void Deactivated(this ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(4004, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed")]
    public static partial void DeactivationFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(4005, LogLevel.Warning, "One-way call {Method} to {GrainId} failed")]
    public static partial void OneWayCallFailed(this ILogger logger, GrainId grainId, string method, Exception exception);

    [LoggerMessage(4006, LogLevel.Warning, "Call {Method} to grain {GrainId} timed out after {Timeout}")]
    public static partial void CallTimedOut(this ILogger logger, GrainId grainId, string method, TimeSpan timeout);

    [LoggerMessage(4007, LogLevel.Error, "A continuation of grain {GrainId} threw")]
    public static partial void ContinuationFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "A timer callback of grain {GrainId} failed")]
    public static partial void TimerFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(4009, LogLevel.Warning, "Removing grain {GrainId} from the directory failed")]
    public static partial void DirectoryUnregisterFailed(this ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(4010, LogLevel.Information, "Idle collection deactivating {Count} activations")]
    public static partial void CollectingIdle(this ILogger logger, int count);

    [LoggerMessage(4011, LogLevel.Information, "Silo stopping: deactivating {Count} activations")]
    public static partial void Stopping(this ILogger logger, int count);

    [LoggerMessage(4012, LogLevel.Warning, "Silo shutdown deadline passed with {Count} activations still deactivating")]
    public static partial void ShutdownDeadlinePassed(this ILogger logger, int count);

    [LoggerMessage(4013, LogLevel.Warning, "Dropping a message for call {CallId}: {Reason}")]
    public static partial void MessageDropped(this ILogger logger, long callId, string reason);
}
