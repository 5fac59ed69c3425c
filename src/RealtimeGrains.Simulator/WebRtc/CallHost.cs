using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The WebRTC call endpoints: create a call from an SDP offer (GA <c>/realtime/calls</c>, preview <c>/v1/realtimertc</c>),
/// hang it up, and attach a sideband WebSocket (<c>/realtime?call_id=</c>). Credentials, body and deployment are checked
/// here, before anything reaches the media front.
/// </summary>
internal sealed partial class CallHost(
    SimulatorOptions options,
    ConnectResolver resolver,
    EphemeralKeyStore keys,
    SimulatorInspector inspector,
    WebRtcCalls calls,
    ILogger<CallHost> logger)
{
    /// <summary>GA: <c>POST /openai/v1/realtime/calls</c> (Azure) or <c>POST /v1/realtime/calls</c> (OpenAI).</summary>
    public async Task HandleCreateAsync(HttpContext context, RealtimeEndpointKind kind)
    {
        var credential = ConnectResolver.FindCredential(context.Request);
        EphemeralKey? key = null;
        if (credential is null || !(resolver.IsApiKey(credential) || keys.TryValidate(credential, out key)))
        {
            await RefuseAsync(context, CallFailure.Unauthorized()).ConfigureAwait(false);
            return;
        }

        var (offer, failure) = await CallOffer.ReadAsync(context.Request, allowMultipart: true, context.RequestAborted).ConfigureAwait(false);
        if (offer is null)
        {
            await RefuseAsync(context, failure!).ConfigureAwait(false);
            return;
        }

        string? model = null;
        if (offer.SessionJson is { } sessionJson)
        {
            if (!RealtimeSession.TryParseSessionConfig(sessionJson, ProtocolDialect.GA, out _))
            {
                await RefuseAsync(context, CallFailure.BadRequest("Invalid 'session': the session configuration is not valid.", "session")).ConfigureAwait(false);
                return;
            }

            using var document = JsonDocument.Parse(sessionJson);
            model = document.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }

        model ??= key?.Model ?? NonEmpty(context.Request.Query["model"].ToString()) ?? options.Deployments.FirstOrDefault() ?? "gpt-realtime";
        // A session part replaces the key's configuration; either becomes the session's starting configuration.
        var configuration = offer.SessionJson is { } json
            ? new EphemeralKey(key?.Value ?? string.Empty, DateTimeOffset.MaxValue, model, json, Beta: false)
            : key;
        var request = new ConnectRequest(kind, Beta: false, model, Subprotocol: null, configuration);
        var filter = string.Equals(context.Request.Query["webrtcfilter"].ToString(), "on", StringComparison.OrdinalIgnoreCase);
        await CreateAsync(context, request, filter, offer.Sdp, withLocation: true).ConfigureAwait(false);
    }

    /// <summary>Preview: <c>POST /v1/realtimertc?model=…</c> with a key from <c>/openai/realtimeapi/sessions</c>; a beta session, no sideband.</summary>
    public async Task HandlePreviewAsync(HttpContext context)
    {
        var credential = ConnectResolver.FindCredential(context.Request);
        EphemeralKey? key = null;
        if (credential is null || !(resolver.IsApiKey(credential) || keys.TryValidate(credential, out key)))
        {
            await RefuseAsync(context, CallFailure.Unauthorized()).ConfigureAwait(false);
            return;
        }

        var (offer, failure) = await CallOffer.ReadAsync(context.Request, allowMultipart: false, context.RequestAborted).ConfigureAwait(false);
        if (offer is null)
        {
            await RefuseAsync(context, failure!).ConfigureAwait(false);
            return;
        }

        var model = NonEmpty(context.Request.Query["model"].ToString()) ?? key?.Model ?? options.Deployments.FirstOrDefault() ?? "gpt-realtime";
        var request = new ConnectRequest(RealtimeEndpointKind.AzurePreview, Beta: true, model, Subprotocol: null, key);
        await CreateAsync(context, request, filter: false, offer.Sdp, withLocation: false).ConfigureAwait(false);
    }

    /// <summary><c>POST …/realtime/calls/{call_id}/hangup</c> with the API key: ends the call (200), or 404.</summary>
    public async Task HandleHangupAsync(HttpContext context, string callId)
    {
        var credential = ConnectResolver.FindCredential(context.Request);
        if (credential is null || !resolver.IsApiKey(credential))
        {
            await RefuseAsync(context, CallFailure.Unauthorized()).ConfigureAwait(false);
            return;
        }

        if (calls.Find(callId) is not { } call)
        {
            await RefuseAsync(context, CallNotFound(callId)).ConfigureAwait(false);
            return;
        }

        call.End("hangup");
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>A sideband: WebSocket <c>/openai/v1/realtime?call_id=…</c> or <c>/v1/realtime?call_id=…</c>, API key only.</summary>
    public async Task HandleSidebandAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var credential = ConnectResolver.FindCredential(context.Request, offered);
        if (credential is null || !resolver.IsApiKey(credential))
        {
            // Ephemeral keys are for browsers; a sideband is the server's channel.
            await RefuseAsync(context, CallFailure.Unauthorized("A sideband connection needs the API key (ephemeral keys are not accepted).")).ConfigureAwait(false);
            return;
        }

        var callId = context.Request.Query["call_id"].ToString();
        if (calls.Find(callId) is not { Record.Beta: false } call)
        {
            await RefuseAsync(context, CallNotFound(callId)).ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, CallFailure.BadRequest("This endpoint requires a WebSocket upgrade.")).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = ConnectResolver.SelectSubprotocol(offered),
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        }).ConfigureAwait(false);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        LogSidebandAttached(logger, call.Id, call.Record.SessionId);
        await call.RunSidebandAsync(socket, stopping.Token).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ConnectRequest request, bool filter, string sdp, bool withLocation)
    {
        if (options.Deployments.Count > 0 && !options.Deployments.Contains(request.Model, StringComparer.Ordinal))
        {
            await RefuseAsync(context, CallFailure.DeploymentNotFound()).ConfigureAwait(false);
            return;
        }

        if (inspector.Faults.TryConsumeRefusal())
        {
            await RefuseAsync(context, CallFailure.TooManyCalls(options.WebRtc.MaxCalls) with { Message = "Requests to the Realtime API have exceeded the rate limit of your current pricing tier." }).ConfigureAwait(false);
            return;
        }

        if (calls.UnavailableReason is { } reason)
        {
            await RefuseAsync(context, CallFailure.Unavailable(reason)).ConfigureAwait(false);
            return;
        }

        if (!calls.TryReserve())
        {
            await RefuseAsync(context, CallFailure.TooManyCalls(options.WebRtc.MaxCalls)).ConfigureAwait(false);
            return;
        }

        string answer;
        WebRtcCall call;
        try
        {
            (call, answer) = await calls.CreateAsync(request, filter, sdp, context.RequestAborted).ConfigureAwait(false);
        }
        catch (WebRtcFrontException ex)
        {
            await RefuseAsync(context, ex.OfferRefused ? CallFailure.BadRequest($"The SDP offer was refused: {ex.Message}", "sdp") : CallFailure.Unavailable(ex.Message)).ConfigureAwait(false);
            return;
        }

        LogCallAnswered(logger, call.Id, call.Record.SessionId, request.Model, request.Beta, filter);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/sdp";
        if (withLocation)
        {
            context.Response.Headers.Location = $"/v1/realtime/calls/{call.Id}";
        }

        await context.Response.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task RefuseAsync(HttpContext context, CallFailure failure)
    {
        LogRefused(logger, context.Request.Path, failure.StatusCode, failure.Code);
        await failure.WriteAsync(context).ConfigureAwait(false);
    }

    private static CallFailure CallNotFound(string callId) =>
        CallFailure.NotFound("call_not_found", $"No call with id '{callId}' is in progress.");

    private static string? NonEmpty(string value) => value.Length > 0 ? value : null;

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Call {CallId} answered (session {SessionId}, {Model}, beta: {Beta}, event filter: {Filter})")]
    private static partial void LogCallAnswered(ILogger logger, string callId, string sessionId, string model, bool beta, bool filter);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Call request to {Path} refused with {StatusCode} {Code}")]
    private static partial void LogRefused(ILogger logger, PathString path, int statusCode, string? code);

    [LoggerMessage(EventId = 82, Level = LogLevel.Debug, Message = "Call {CallId} (session {SessionId}): sideband attached")]
    private static partial void LogSidebandAttached(ILogger logger, string callId, string sessionId);
}
