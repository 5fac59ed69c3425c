using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions;

namespace RealtimeGrains.Gateway;

/// <summary>
/// WebRTC through the gateway (the GA unified flow): <c>POST /v1/realtime/calls</c> and <c>POST /openai/v1/realtime/calls</c>
/// take a browser's SDP offer, authenticated by a single-use client token (<c>Authorization: Bearer</c>, raw
/// <c>application/sdp</c> body) or by the server credential (<c>multipart/form-data</c>: <c>sdp</c>, optional
/// <c>session_id</c> and <c>session</c>); the session grain creates the call at the model service and holds its sideband.
/// Answers <c>201</c> with the SDP answer and <c>Location: /v1/realtime/calls/{call_id}</c>. The offer is checked and the
/// credential spent before anything is sent upstream. <c>POST /v1/realtime/calls/{call_id}/attach</c> (client token) puts
/// the token's session onto a call the browser created itself with a key from <c>client_secrets</c>.
/// </summary>
internal static class CallEndpoints
{
    /// <summary>The header carrying the session id of a created call (the page keeps it to resume).</summary>
    public const string SessionHeader = "X-RealtimeGrains-Session-Id";

    private const int MaxSdpBytes = 64 * 1024;

    public static async Task HandleCreateAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallEndpoints).FullName!);
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var credential = GatewayCredentials.Find(context.Request);
        var isServer = GatewayCredentials.IsServerCredential(options, credential);
        if (context.Request.ContentLength > MaxSdpBytes * 2)
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request_too_large", "The SDP offer is too large.").ConfigureAwait(false);
            return;
        }

        // Read and check the offer here first: a malformed request costs nothing upstream and leaves a client token unspent.
        string? sdp;
        string? sessionId = null;
        string? configJson = null;
        if (context.Request.HasFormContentType)
        {
            if (!isServer)
            {
                await WriteUnauthorizedAsync(context, "multipart/form-data offers are the application server's (server credential); a browser posts application/sdp with its client token.").ConfigureAwait(false);
                return;
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "The multipart body could not be read.").ConfigureAwait(false);
                return;
            }

            sdp = form["sdp"].ToString();
            sessionId = form.TryGetValue("session_id", out var id) ? id.ToString() : null;
            configJson = form.TryGetValue("session", out var session) ? session.ToString() : null;
            if (sessionId is not null && !ClientTokenService.IsValidSessionId(sessionId))
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "Invalid 'session_id'.", "session_id").ConfigureAwait(false);
                return;
            }

            if (configJson is not null && SessionConfigCheck.Validate(configJson, Protocol.ProtocolDialect.GA) is { } invalid)
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, invalid.Code, invalid.Message, invalid.Param).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            if (!IsSdpContent(context.Request.ContentType))
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Post the SDP offer as application/sdp (or multipart/form-data with an 'sdp' part, with the server credential).").ConfigureAwait(false);
                return;
            }

            sdp = await ReadSdpAsync(context).ConfigureAwait(false);
        }

        if (sdp is null || sdp.Length > MaxSdpBytes || !sdp.StartsWith("v=", StringComparison.Ordinal))
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_sdp", "The SDP offer is missing, too large or not SDP (it starts with 'v=0').", "sdp").ConfigureAwait(false);
            return;
        }

        if (isServer)
        {
            sessionId ??= Protocol.ProtocolIds.NewSessionId();
        }
        else
        {
            var grant = await RedeemAsync(context, logger, credential).ConfigureAwait(false);
            if (grant is null)
            {
                return;
            }

            sessionId = grant.SessionId;
            configJson = grant.SessionConfigJson;
        }

        var config = configJson is null ? null : new SessionConfigJson(configJson, isServer ? Protocol.ProtocolDialect.GA : Protocol.ProtocolDialect.Beta);
        await RunAsync(context, logger, sessionId, config, grain => grain.StartCallAsync(sdp), async result =>
        {
            GatewayLog.CallCreated(logger, sessionId, result.CallId!);
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/sdp";
            context.Response.Headers.Location = "/v1/realtime/calls/" + Uri.EscapeDataString(result.CallId!);
            context.Response.Headers[SessionHeader] = sessionId;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(result.Body ?? string.Empty, context.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public static async Task HandleAttachAsync(HttpContext context)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallEndpoints).FullName!);
        var callId = context.Request.RouteValues["callId"] as string ?? string.Empty;
        var grant = await RedeemAsync(context, logger, GatewayCredentials.Find(context.Request)).ConfigureAwait(false);
        if (grant is null)
        {
            return;
        }

        await RunAsync(context, logger, grant.SessionId, null, grain => grain.AttachCallAsync(callId), async result =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$"""{"session_id":"{{grant.SessionId}}","call_id":{{System.Text.Json.JsonSerializer.Serialize(result.CallId, GatewayJsonContext.Default.String)}}}""",
                context.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Spends a client token; on failure writes the 401 (or 503) and returns null.</summary>
    internal static async Task<ClientTokenGrant?> RedeemAsync(HttpContext context, ILogger logger, string? credential)
    {
        TokenCheck outcome;
        ClientTokenGrant? grant;
        try
        {
            (outcome, grant) = await context.RequestServices.GetRequiredService<ClientTokenService>().RedeemAsync(credential, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            await TokenEndpoints.WriteUnavailableAsync(context, ex.Message).ConfigureAwait(false);
            return null;
        }

        if (outcome == TokenCheck.Valid)
        {
            return grant;
        }

        if (context.RequestServices.GetRequiredService<RefusalLogBudget>().TryTake("ip:" + context.Connection.RemoteIpAddress))
        {
            GatewayLog.ClientTokenRejected(logger, context.Request.Path, outcome);
        }

        await WriteUnauthorizedAsync(context, "Access denied due to invalid or expired client token.").ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Runs a WebRTC request on the session's grain, after applying the configuration that came with it (if any), and writes
    /// its refusal, or lets <paramref name="write"/> answer.
    /// </summary>
    internal static async Task RunAsync(
        HttpContext context, ILogger logger, string sessionId, SessionConfigJson? config, Func<IRealtimeSessionGrain, Task<RealtimeCallResult>> call, Func<RealtimeCallResult, Task> write)
    {
        var grain = context.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IRealtimeSessionGrain>(sessionId);
        RealtimeCallResult result;
        try
        {
            result = await ConfigureThenAsync(grain, config, call).WaitAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Sessions.Leases.SessionLeaseHeldException)
        {
            await TokenEndpoints.WriteUnavailableAsync(context, "The session is moving between servers; retry with a new client token.").ConfigureAwait(false);
            return;
        }

        if (!result.IsSuccess)
        {
            GatewayLog.CallRefused(logger, sessionId, context.Request.Path, result.Status, result.Code);
            await TokenEndpoints.WriteErrorAsync(context, result.Status, result.Code ?? "call_failed", result.Message ?? "The call could not be made.").ConfigureAwait(false);
            return;
        }

        await write(result).ConfigureAwait(false);
    }

    private static async Task<RealtimeCallResult> ConfigureThenAsync(IRealtimeSessionGrain grain, SessionConfigJson? config, Func<IRealtimeSessionGrain, Task<RealtimeCallResult>> call)
    {
        if (config is not null && SessionConfigCheck.ToSettings(config.Json, config.Dialect) is { } settings)
        {
            var configured = await grain.ConfigureAsync(settings).ConfigureAwait(false);
            if (!configured.Accepted)
            {
                return RealtimeCallResult.Failed(StatusCodes.Status400BadRequest, configured.Code ?? "invalid_value", configured.Message ?? "Invalid session configuration.");
            }
        }

        return await call(grain).ConfigureAwait(false);
    }

    /// <summary>Answers 200 with a JSON body that must not be cached (it carries a key or a token).</summary>
    internal static Task WriteSecretJsonAsync(HttpContext context, System.Text.Json.Nodes.JsonObject body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task WriteUnauthorizedAsync(HttpContext context, string message) =>
        TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", message);

    private static bool IsSdpContent(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals("application/sdp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body as UTF-8 text, or null when it is larger than an offer can be or not text.</summary>
    private static async Task<string?> ReadSdpAsync(HttpContext context)
    {
        var buffer = new byte[MaxSdpBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > MaxSdpBytes)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
