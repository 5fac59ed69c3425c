using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Sessions;

/// <summary>Logging of the session grain (event ids 200-249); every message carries the session id, never a key.</summary>
internal sealed partial class RealtimeSessionGrain
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Session {SessionId} activated with {ItemCount} persisted items")]
    private static partial void LogActivated(ILogger logger, string sessionId, int itemCount);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Session {SessionId} deactivating: {Reason}")]
    private static partial void LogDeactivating(ILogger logger, string sessionId, string? reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Session {SessionId}: observer attached ({Count} attached)")]
    private static partial void LogAttached(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 290, Level = LogLevel.Information, Message = "Session {SessionId}: refused one more client ({Count} attached, the most allowed)")]
    private static partial void LogSessionFull(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Session {SessionId}: last observer left; idle for {IdleTimeout}")]
    private static partial void LogLastDetached(ILogger logger, string sessionId, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 243, Level = LogLevel.Information, Message = "Session {SessionId}: an observer did not keep itself attached for {Timeout}; dropped (its gateway is gone)")]
    private static partial void LogObserverTimedOut(ILogger logger, string sessionId, TimeSpan timeout);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Session {SessionId} idle: persisting, closing upstream, deactivating")]
    private static partial void LogIdle(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Session {SessionId} ended by the client")]
    private static partial void LogEnded(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Session {SessionId}: state was written by another owner; not overwriting ({Reason})")]
    private static partial void LogStaleState(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Session {SessionId}: opening a new upstream session ({Change})")]
    private static partial void LogReplacing(ILogger logger, string sessionId, UpstreamChange change);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Session {SessionId}: upstream generation {Generation} ready ({Change}, {ReplayedItems} items replayed)")]
    private static partial void LogUpstreamReady(ILogger logger, string sessionId, int generation, UpstreamChange change, int replayedItems);

    [LoggerMessage(EventId = 212, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream generation {Generation} lost: {Reason}")]
    private static partial void LogUpstreamLost(ILogger logger, string sessionId, int generation, string reason);

    [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "Session {SessionId}: connect attempt {Attempt} failed (HTTP {StatusCode}); retrying in {Delay}")]
    private static partial void LogConnectRetry(ILogger logger, string sessionId, int attempt, int statusCode, TimeSpan delay);

    [LoggerMessage(EventId = 214, Level = LogLevel.Error, Message = "Session {SessionId}: upstream unavailable after {Attempts} attempts (HTTP {StatusCode})")]
    private static partial void LogConnectGaveUp(ILogger logger, string sessionId, int attempts, int statusCode);

    [LoggerMessage(EventId = 215, Level = LogLevel.Warning, Message = "Session {SessionId}: buffered client audio above {Limit} bytes; oldest chunk dropped")]
    private static partial void LogAudioDropped(ILogger logger, string sessionId, int limit);

    [LoggerMessage(EventId = 220, Level = LogLevel.Debug, Message = "Session {SessionId}: barge-in on {ItemId}: played {PlayedMs} ms, truncated at {AudioEndMs} ms")]
    private static partial void LogBargeIn(ILogger logger, string sessionId, string itemId, int playedMs, int audioEndMs);

    [LoggerMessage(EventId = 230, Level = LogLevel.Debug, Message = "Session {SessionId}: response {ResponseId} made {Count} function calls")]
    private static partial void LogToolsStarted(ILogger logger, string sessionId, string responseId, int count);

    [LoggerMessage(EventId = 231, Level = LogLevel.Debug, Message = "Session {SessionId}: answered {Count} calls of {ResponseId} ({Failures} failed or timed out)")]
    private static partial void LogToolsAnswered(ILogger logger, string sessionId, string responseId, int count, int failures);

    [LoggerMessage(EventId = 209, Level = LogLevel.Debug, Message = "Session {SessionId}: not opening a new upstream session ({Change}): the host is stopping")]
    private static partial void LogNotReplacingWhileStopping(ILogger logger, string sessionId, UpstreamChange change);

    [LoggerMessage(EventId = 219, Level = LogLevel.Information, Message = "Session {SessionId}: upstream generation {Generation} expires at {ExpiresAt:O}; rolling over in {DueIn}")]
    private static partial void LogRolloverFromExpiry(ILogger logger, string sessionId, int generation, DateTimeOffset expiresAt, TimeSpan dueIn);

    [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Session {SessionId}: response {ResponseId} lost with its upstream; clients told it failed (re-run on the next upstream: {Rerun})")]
    private static partial void LogResponseLost(ILogger logger, string sessionId, string responseId, bool rerun);

    [LoggerMessage(EventId = 216, Level = LogLevel.Error, Message = "Session {SessionId}: connecting upstream failed unexpectedly")]
    private static partial void LogConnectLoopFailed(ILogger logger, Exception exception, string sessionId);
}
