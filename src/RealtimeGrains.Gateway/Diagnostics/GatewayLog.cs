using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Gateway;

/// <summary>Source-generated log messages of the gateway (event ids 6000–6099). Never logs a credential or token.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(6001, LogLevel.Information, "Minted a client token for session {SessionId}, valid until {ExpiresAt:O}")]
    public static partial void TokenMinted(ILogger logger, string sessionId, DateTimeOffset expiresAt);

    [LoggerMessage(6002, LogLevel.Warning, "Rejected a token mint: the server credential is missing or wrong")]
    public static partial void MintUnauthorized(ILogger logger);

    [LoggerMessage(6003, LogLevel.Information, "Rejected a client connection on {Path}: token {Outcome}")]
    public static partial void ClientTokenRejected(ILogger logger, string path, TokenCheck outcome);

    [LoggerMessage(6004, LogLevel.Information, "Client {ConnectionId} attached to session {SessionId} ({Channel})")]
    public static partial void ClientAttached(ILogger logger, string connectionId, string sessionId, string channel);

    [LoggerMessage(6005, LogLevel.Information, "Client {ConnectionId} detached from session {SessionId}")]
    public static partial void ClientDetached(ILogger logger, string connectionId, string sessionId);

    [LoggerMessage(6006, LogLevel.Debug, "Client {ConnectionId} of session {SessionId} sent a bad event: {Code}")]
    public static partial void BadClientEvent(ILogger logger, string connectionId, string sessionId, string? code);

    [LoggerMessage(6007, LogLevel.Warning, "Client {ConnectionId} of session {SessionId} failed")]
    public static partial void ClientFailed(ILogger logger, Exception exception, string connectionId, string sessionId);

    // 6008–6010 belonged to the removed in-gateway relay; not reused.

    [LoggerMessage(6011, LogLevel.Information, "Client {ConnectionId} of session {SessionId} exceeded its message rate")]
    public static partial void RateLimited(ILogger logger, string connectionId, string sessionId);

    [LoggerMessage(6012, LogLevel.Information, "Refused hub call {Method} of client {ConnectionId}: {Reason}")]
    public static partial void HubCallRefused(ILogger logger, string connectionId, string method, string reason);

    [LoggerMessage(6013, LogLevel.Error, "Hub call {Method} of client {ConnectionId} failed")]
    public static partial void HubCallFailed(ILogger logger, Exception exception, string connectionId, string method);

    [LoggerMessage(6015, LogLevel.Information, "Client {ConnectionId} of session {SessionId} was dropped: {QueuedBytes} bytes of events waited unread (a client that does not keep up)")]
    public static partial void SlowClientDropped(ILogger logger, string connectionId, string sessionId, long queuedBytes);

    [LoggerMessage(6016, LogLevel.Information, "Refused a client connection on {Path}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string path, string reason);

    [LoggerMessage(6014, LogLevel.Information, "Client {Client} had {Count} refusals logged in {WindowSeconds} s; its further refusals in that time are not logged")]
    public static partial void RefusalsSuppressed(ILogger logger, string client, int count, int windowSeconds);

    [LoggerMessage(6020, LogLevel.Information, "Session {SessionId}: WebRTC call {CallId} created for a client")]
    public static partial void CallCreated(ILogger logger, string sessionId, string callId);

    [LoggerMessage(6021, LogLevel.Information, "Session {SessionId}: a WebRTC request ({Path}) was refused with HTTP {Status}: {Code}")]
    public static partial void CallRefused(ILogger logger, string sessionId, string path, int status, string? code);

    [LoggerMessage(6022, LogLevel.Information, "Session {SessionId}: minted an upstream ephemeral key for a browser")]
    public static partial void ClientSecretMinted(ILogger logger, string sessionId);
}
