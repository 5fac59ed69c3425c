using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>
/// WebRTC: the media flows browser ↔ model service; the grain creates the call (or is told of one) and then holds the
/// call's sideband WebSocket as its upstream. Over a sideband the service owns the output audio buffer, so the grain
/// neither flushes clients nor truncates on barge-in; rollover is the browser's (a new call), which this grain primes with
/// the conversation so far. The call id is persisted: a new activation goes back onto the same call.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private const int MaxSdpLength = 64 * 1024;

    /// <summary>The call the session is on (mirrors the persisted <c>CallId</c>; readable off the grain by its connect loop).</summary>
    private volatile string? _callId;

    /// <summary>Whether the session's upstream is a WebRTC call's sideband.</summary>
    private bool InCall => _callId is not null;

    public async Task<RealtimeCallResult> StartCallAsync(string sdpOffer)
    {
        ArgumentNullException.ThrowIfNull(sdpOffer);
        if (_closing)
        {
            return RealtimeCallResult.Failed(409, "session_closed", "The session has ended.");
        }

        if (sdpOffer.Length is 0 or > MaxSdpLength || !sdpOffer.StartsWith("v=", StringComparison.Ordinal))
        {
            return RealtimeCallResult.Failed(400, "invalid_sdp", "The body must be an SDP offer (application/sdp, starting with 'v=0').");
        }

        UpstreamCall call;
        try
        {
            call = await _calls.CreateCallAsync(_sessionId, sdpOffer, BuildCallSessionJson());
        }
        catch (UpstreamCallException ex)
        {
            LogCallRefused(_logger, _sessionId, ex.StatusCode, ex.Message);
            return RefusalOf(ex);
        }

        await MoveOntoCallAsync(call.CallId);
        return new RealtimeCallResult(201, call.CallId, call.SdpAnswer);
    }

    public async Task<RealtimeCallResult> AttachCallAsync(string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        if (_closing)
        {
            return RealtimeCallResult.Failed(409, "session_closed", "The session has ended.");
        }

        if (callId.Length is 0 or > 128 || !callId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return RealtimeCallResult.Failed(400, "invalid_value", "Invalid call id.");
        }

        if (callId != _callId)
        {
            await MoveOntoCallAsync(callId);
        }

        return new RealtimeCallResult(200, callId);
    }

    public async Task<RealtimeCallResult> MintClientSecretAsync(int? expiresAfterSeconds)
    {
        if (expiresAfterSeconds is < 10 or > 7200)
        {
            return RealtimeCallResult.Failed(400, "invalid_value", "Invalid 'expires_after.seconds': expected an integer between 10 and 7200.");
        }

        var request = new JsonObject { ["session"] = JsonNode.Parse(BuildCallSessionJson()) };
        if (expiresAfterSeconds is { } seconds)
        {
            request["expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = seconds };
        }

        try
        {
            return new RealtimeCallResult(200, Body: await _calls.MintClientSecretAsync(_sessionId, request.ToJsonString()));
        }
        catch (UpstreamCallException ex)
        {
            LogCallRefused(_logger, _sessionId, ex.StatusCode, ex.Message);
            return RefusalOf(ex);
        }
    }

    public async Task<RealtimeCallResult> MintPreviewKeyAsync()
    {
        if (UpstreamEndpoint.PreviewWebRtc(_options.Upstream) is not { } webRtcUrl)
        {
            return RealtimeCallResult.Failed(400, "webrtc_url_not_configured",
                "Preview WebRTC needs the regional WebRTC URL: set Upstream:WebRtcUrl (https://{region}.realtimeapi-preview.ai.azure.com/v1/realtimertc).");
        }

        // No sideband in preview: only tools the browser answers itself may be offered.
        var config = BuildSessionConfig();
        config.Tools = [.. DescribeClientTools()];
        config.ToolChoice = DescribeToolChoice(config.Tools.Count);
        try
        {
            var minted = JsonNode.Parse(await _calls.MintPreviewKeyAsync(_sessionId, SessionObjectJson(config, ProtocolDialect.Beta).ToJsonString())) as JsonObject ?? [];
            minted["webrtc_url"] = webRtcUrl.ToString();
            return new RealtimeCallResult(200, Body: minted.ToJsonString());
        }
        catch (UpstreamCallException ex)
        {
            LogCallRefused(_logger, _sessionId, ex.StatusCode, ex.Message);
            return RefusalOf(ex);
        }
    }

    public Task<bool> EnsureCallAsync()
    {
        if (InCall && _upstream is null && !_replacing && !_closing)
        {
            BeginReplace(UpstreamChange.Reconnect);
        }

        return Task.FromResult(InCall);
    }

    /// <summary>
    /// Leaves whatever upstream served the session (a media socket, or an earlier call's sideband, which is hung up) and
    /// opens the call's sideband: the priming sends the configuration and replays the conversation so far.
    /// </summary>
    private async Task MoveOntoCallAsync(string callId)
    {
        var previous = _callId;
        _callId = callId;
        State.CallId = callId;
        _idleTimer?.Dispose();
        _idleTimer = null;
        LogCallStarted(_logger, _sessionId, callId, State.Items.Count);
        if (_tracker.AbandonActiveResponse())
        {
            PersistSoon();
        }

        await CloseUpstreamAsync();
        ForgetUncommittedAudio();
        _replacing = false;
        if (previous is not null)
        {
            _ = Task.Run(() => _calls.HangUpAsync(_sessionId, previous));
        }

        BeginReplace(UpstreamChange.Call);
        await NotifyAsync(new SessionEvent(SessionEventKind.Status, "call.started") { Detail = callId });

        // Written before the browser has its answer: a silo that dies from here on leaves a session a survivor can put back
        // onto the call (the registry says which; the state says which call).
        await FlushStateAsync();
        await RegisterCallAsync(add: true);
    }

    /// <summary>The call ended at the service (hung up, the browser left, its time limit): no reconnect; the session idles.</summary>
    private async Task EndCallAsync(string reason)
    {
        if (_callId is not { } callId)
        {
            return;
        }

        LogCallEnded(_logger, _sessionId, callId, reason);
        _callId = null;
        State.CallId = null;
        PersistSoon();
        _replacing = false;
        await NotifyAsync(new SessionEvent(SessionEventKind.Status, "call.ended") { Detail = reason });
        await RegisterCallAsync(add: false);
        if (_observers.Count == 0)
        {
            ArmIdleTimer();
        }
    }

    /// <summary>
    /// On a call the browser talks to the service directly and may send its own <c>session.update</c> (SDKs send their tools
    /// on connect), which replaces the whole tool list: the server's tools are put back, next to the browser's own.
    /// </summary>
    private async Task KeepServerToolsAsync(UpstreamConnection connection, SessionConfig updated)
    {
        var serverTools = RequiresClientTool(State.Settings.ToolChoice) ? [] : _tools.Describe(State.Settings.Tools);
        var present = new HashSet<string>((updated.Tools ?? []).Select(t => t.Name ?? string.Empty), StringComparer.Ordinal);
        if (serverTools.Count == 0 || serverTools.All(t => present.Contains(t.Name ?? string.Empty)))
        {
            return;
        }

        var serverNames = new HashSet<string>(serverTools.Select(t => t.Name ?? string.Empty), StringComparer.Ordinal);
        var tools = serverTools.Concat((updated.Tools ?? []).Where(t => !serverNames.Contains(t.Name ?? string.Empty))).ToList();
        LogServerToolsRestored(_logger, _sessionId, serverTools.Count);
        var restore = new SessionConfig { Type = SessionTypes.Realtime, Tools = tools };
        restore.ToolChoice = DescribeToolChoice(tools.Count);
        await connection.SendAsync(new SessionUpdateEvent { EventId = ProtocolIds.NewEventId(), Session = restore });
    }

    /// <summary>Keeps the session in (or takes it out of) the registry of sessions on calls the silos revive after a failure.</summary>
    private async Task RegisterCallAsync(bool add)
    {
        var registry = GrainFactory.GetGrain<Calls.ICallRegistryGrain>(Calls.CallRegistry.ShardOf(_sessionId));
        try
        {
            await (add ? registry.AddAsync(_sessionId) : registry.RemoveAsync(_sessionId));
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            // The call goes on; only a failover would not find it.
            LogCallRegistryFailed(_logger, _sessionId, ex.Message);
        }
    }

    /// <summary>The session configuration as a GA <c>session</c> object with the deployment as <c>model</c>.</summary>
    private string BuildCallSessionJson()
    {
        var session = SessionObjectJson(BuildSessionConfig(), ProtocolDialect.GA);
        session["type"] = "realtime";
        return session.ToJsonString();
    }

    /// <summary><paramref name="config"/> as the service's HTTP endpoints take a session: no id, the deployment as <c>model</c>.</summary>
    private JsonObject SessionObjectJson(SessionConfig config, ProtocolDialect dialect)
    {
        var json = RealtimeProtocol.ToJsonString(new SessionUpdateEvent { Session = config }, dialect)
            ?? throw new InvalidOperationException("The session configuration could not be written.");
        var session = JsonNode.Parse(json)?["session"]?.AsObject() ?? [];
        session.Remove("id");
        session["model"] = _options.Upstream.Deployment;
        return session;
    }

    private static RealtimeCallResult RefusalOf(UpstreamCallException ex) => ex.StatusCode switch
    {
        // The browser's own mistakes (a bad SDP, a bad setting) are its to fix; the service's failures are a bad gateway.
        400 or 413 or 422 => RealtimeCallResult.Failed(ex.StatusCode, ex.Code ?? "invalid_request", ex.Message),
        429 => RealtimeCallResult.Failed(429, ex.Code ?? "rate_limited", ex.Message),
        _ => RealtimeCallResult.Failed(502, "upstream_unavailable", ex.Message),
    };

    [LoggerMessage(EventId = 250, Level = LogLevel.Information, Message = "Session {SessionId}: on WebRTC call {CallId} ({ItemCount} items to replay through its sideband)")]
    private static partial void LogCallStarted(ILogger logger, string sessionId, string callId, int itemCount);

    [LoggerMessage(EventId = 251, Level = LogLevel.Information, Message = "Session {SessionId}: WebRTC call {CallId} ended: {Reason}")]
    private static partial void LogCallEnded(ILogger logger, string sessionId, string callId, string reason);

    [LoggerMessage(EventId = 252, Level = LogLevel.Warning, Message = "Session {SessionId}: the model service refused a WebRTC request (HTTP {StatusCode}): {Reason}")]
    private static partial void LogCallRefused(ILogger logger, string sessionId, int statusCode, string reason);

    [LoggerMessage(EventId = 253, Level = LogLevel.Information, Message = "Session {SessionId}: a session.update on the call dropped the server's tools; {Count} put back")]
    private static partial void LogServerToolsRestored(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 254, Level = LogLevel.Warning, Message = "Session {SessionId}: the registry of sessions on calls was not updated: {Reason}")]
    private static partial void LogCallRegistryFailed(ILogger logger, string sessionId, string reason);
}
