using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>Accepts connects (auth and routing before the upgrade), runs sessions, and serves the ephemeral-key endpoints.</summary>
internal sealed partial class SessionHost(
    SimulatorOptions options,
    ConnectResolver resolver,
    EphemeralKeyStore keys,
    SimulatorInspector inspector,
    AudioPacer pacer,
    ILogger<SessionHost> logger)
{
    private readonly TimeProvider _time = options.TimeProvider ?? TimeProvider.System;
    private readonly ScriptedModel _model = new(options.Rules.Concat(options.ScriptFilePath is null ? [] : ScriptFile.Load(options.ScriptFilePath)), options.TimeProvider);

    public async Task HandleConnectAsync(HttpContext context, RealtimeEndpointKind kind)
    {
        var request = resolver.Resolve(context, kind, out var failure);
        if (request is null)
        {
            LogConnectRefused(logger, context.Request.Path, failure!.StatusCode, failure.Code);
            await failure.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HttpFailure.BadRequest("This endpoint requires a WebSocket upgrade.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var sessionId = ProtocolIds.NewSessionId();
        var productSession = HeaderValue(context.Request, SimulatorConnectionHeaders.Session);
        var silo = HeaderValue(context.Request, SimulatorConnectionHeaders.Silo);

        // Counted open before the 101 goes out and closed only after the socket is disposed, so the recorded interval
        // covers every moment the connection existed here: a proof of "never two at once" cannot miss an overlap.
        var connection = inspector.Connections.Open(productSession, silo, sessionId);
        if (connection is not null)
        {
            LogConnectionOpened(logger, sessionId, productSession!, silo);
        }

        var keepAliveTimedOut = false;
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = request.Subprotocol,
                KeepAliveInterval = options.KeepAliveInterval,
                KeepAliveTimeout = options.KeepAliveTimeout,
            }).ConfigureAwait(false);
            // Sessions end when the host starts stopping, so Kestrel's drain does not wait out its timeout on open sockets.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            keepAliveTimedOut = await RunSessionAsync(request, sessionId, socket, stopping.Token).ConfigureAwait(false);
            if (keepAliveTimedOut)
            {
                LogKeepAliveTimedOut(logger, sessionId, productSession, silo, options.KeepAliveTimeout);
            }
        }
        finally
        {
            inspector.Connections.Close(connection, keepAliveTimedOut);
            if (connection is not null)
            {
                LogConnectionClosed(logger, sessionId, productSession!, silo);
            }
        }
    }

    /// <summary>
    /// Runs one session on an accepted socket until it ends: a client's WebSocket, or the in-memory socket of a WebRTC
    /// call. Returns whether it ended because the client did not answer a keep-alive ping.
    /// </summary>
    public async Task<bool> RunSessionAsync(ConnectRequest request, string sessionId, WebSocket socket, CancellationToken cancellationToken)
    {
        using var session = new RealtimeSession(request, sessionId, socket, options, _model, inspector, pacer, _time, logger);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
        return session.KeepAliveTimedOut;
    }

    private static string? HeaderValue(HttpRequest request, string name)
    {
        foreach (var value in request.Headers[name])
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// Mints an ephemeral key: preview/beta shape (<c>/openai/realtimeapi/sessions</c>, <c>/v1/realtime/sessions</c>: the body is a
    /// session config with <c>model</c>; the answer is the session plus <c>client_secret</c>) or GA shape (<c>client_secrets</c>:
    /// <c>{expires_after?, session?}</c> in, <c>{value, expires_at, session}</c> out).
    /// </summary>
    public async Task HandleMintAsync(HttpContext context, RealtimeEndpointKind kind, bool beta = false)
    {
        beta |= kind == RealtimeEndpointKind.AzurePreview;
        var credential = ConnectResolver.FindCredential(context.Request);
        if (credential is null || !resolver.IsApiKey(credential))
        {
            await HttpFailure.Unauthorized().WriteAsync(context).ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, SessionJsonContext.Default.JsonElement, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await HttpFailure.BadRequest($"The request body is not valid JSON: {ex.Message}").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            await HttpFailure.BadRequest("The request body must be a JSON object.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var lifetime = beta ? options.EphemeralKeyLifetime : TimeSpan.FromSeconds(600);
        var session = body;
        if (!beta)
        {
            if (body.TryGetProperty("expires_after", out var expiresAfter) && expiresAfter.TryGetProperty("seconds", out var seconds))
            {
                if (!seconds.TryGetInt32(out var value) || value < 10 || value > 7200)
                {
                    await HttpFailure.BadRequest("Invalid 'expires_after.seconds': expected an integer between 10 and 7200.").WriteAsync(context).ConfigureAwait(false);
                    return;
                }

                lifetime = TimeSpan.FromSeconds(value);
            }

            session = body.TryGetProperty("session", out var inner) ? inner : default;
        }

        var model = session.ValueKind == JsonValueKind.Object && session.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        model ??= options.Deployments.FirstOrDefault() ?? "gpt-realtime";
        if (options.Deployments.Count > 0 && !options.Deployments.Contains(model, StringComparer.Ordinal))
        {
            await HttpFailure.DeploymentNotFound().WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var dialect = beta ? ProtocolDialect.Beta : ProtocolDialect.GA;
        var sessionJson = session.ValueKind == JsonValueKind.Object ? session.GetRawText() : null;
        var config = SessionDefaults.Create(dialect, model, ProtocolIds.NewSessionId(), _time.GetUtcNow() + options.MaxSessionDuration);
        if (sessionJson is not null)
        {
            if (!RealtimeSession.TryParseSessionConfig(sessionJson, dialect, out var requested))
            {
                await HttpFailure.BadRequest("The session configuration is invalid.").WriteAsync(context).ConfigureAwait(false);
                return;
            }

            requested.Model = null;
            requested.Id = null;
            config = config.ApplyUpdate(requested);
        }

        var key = keys.Issue(model, sessionJson, beta, lifetime);
        var sessionObject = RealtimeSession.ExtractSession(RealtimeProtocol.ToUtf8Bytes(new SessionUpdatedEvent { Session = config }, dialect)!);
        context.Response.ContentType = "application/json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (beta)
            {
                // The session object with client_secret added.
                using var document = JsonDocument.Parse(sessionObject);
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Name != "client_secret"))
                {
                    property.WriteTo(writer);
                }

                writer.WriteStartObject("client_secret");
                writer.WriteString("value", key.Value);
                writer.WriteNumber("expires_at", key.ExpiresAt.ToUnixTimeSeconds());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("value", key.Value);
                writer.WriteNumber("expires_at", key.ExpiresAt.ToUnixTimeSeconds());
                writer.WritePropertyName("session");
                writer.WriteRawValue(sessionObject, skipInputValidation: true);
                writer.WriteEndObject();
            }
        }

        LogKeyMinted(logger, model, key.ExpiresAt);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Ephemeral key minted for {Model}, expires {ExpiresAt}")]
    private static partial void LogKeyMinted(ILogger logger, string model, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Session {SessionId} (product session {ProductSession}, silo {Silo}) dropped: no pong to a keep-alive ping within {KeepAliveTimeout}")]
    private static partial void LogKeepAliveTimedOut(ILogger logger, string sessionId, string? productSession, string? silo, TimeSpan keepAliveTimeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Session {SessionId}: upstream connection of product session {ProductSession} from silo {Silo} opened")]
    private static partial void LogConnectionOpened(ILogger logger, string sessionId, string productSession, string? silo);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Session {SessionId}: upstream connection of product session {ProductSession} from silo {Silo} closed")]
    private static partial void LogConnectionClosed(ILogger logger, string sessionId, string productSession, string? silo);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connect to {Path} refused with {StatusCode} {Code}")]
    private static partial void LogConnectRefused(ILogger logger, PathString path, int statusCode, string code);
}
