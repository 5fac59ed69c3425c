using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>
/// What the client is told when the upstream fails, in protocol terms: a response lost with its socket ends with a
/// <c>response.done</c> of status <c>failed</c> (and is asked for once more on the new upstream, if the setting allows);
/// a refused connect becomes an <c>error</c> event with a stable code; a refusal that retrying cannot mend (401, 403, 404,
/// 400) also ends the clients' connections. Never silence.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private bool _rerunAfterReconnect;

    /// <summary>The response in progress died with its upstream: tell the clients it failed, and ask again once on the next upstream.</summary>
    private Task ReportLostResponseAsync(string responseId)
    {
        var rerun = _options.RerunLostResponses && !_rerunAfterReconnect;
        _rerunAfterReconnect = rerun;
        LogResponseLost(_logger, _sessionId, responseId, rerun);
        var done = new ResponseDoneEvent
        {
            EventId = ProtocolIds.NewEventId(),
            Response = new RealtimeResponse
            {
                Id = responseId,
                ObjectType = "realtime.response",
                Status = "failed",
                StatusDetails = new ResponseStatusDetails
                {
                    Type = "failed",
                    Error = ProtocolErrors.Create(
                        UpstreamErrorCodes.Lost,
                        rerun
                            ? "The connection to the model service was lost before the response finished; the response is being created again."
                            : "The connection to the model service was lost before the response finished.",
                        type: ProtocolErrorCodes.ServerError),
                },
                Output = [],
            },
        };
        return NotifyServerEventAsync(done);
    }

    /// <summary>After a reconnect primed the new upstream: the one re-run of a lost response.</summary>
    private async Task RerunLostResponseAsync()
    {
        if (!_rerunAfterReconnect)
        {
            return;
        }

        _rerunAfterReconnect = false;
        await SendUpstreamAsync(new ResponseCreateEvent { EventId = ProtocolIds.NewEventId() });
    }

    /// <summary>A connect attempt failed; <paramref name="retrying"/> says whether another attempt follows.</summary>
    private async Task ReportConnectFailureAsync(UpstreamConnectException failure, bool retrying, TimeSpan retryIn)
    {
        var (code, message) = failure.StatusCode switch
        {
            401 or 403 => (UpstreamErrorCodes.AuthenticationFailed, $"The model service refused the server's credentials (HTTP {failure.StatusCode})."),
            404 => (UpstreamErrorCodes.DeploymentNotFound, "The model service does not know the configured deployment or model (HTTP 404)."),
            429 => (UpstreamErrorCodes.RateLimited, "The model service is rate limiting new sessions (HTTP 429)."),
            0 or 408 or >= 500 => (UpstreamErrorCodes.Unavailable, failure.StatusCode == 0 ? "The model service could not be reached." : $"The model service is unavailable (HTTP {failure.StatusCode})."),
            _ => (UpstreamErrorCodes.Refused, $"The model service refused the session (HTTP {failure.StatusCode})."),
        };
        RecordError(code, message);
        message += retrying
            ? $" Retrying in {Math.Max(1, (int)Math.Ceiling(retryIn.TotalSeconds))} s; client events are held meanwhile."
            : " The session cannot go on; the conversation is kept and resumes on a later connection.";
        await NotifyServerEventAsync(ErrorEvent.From(ProtocolErrors.Create(code, message, type: ProtocolErrorCodes.ServerError)));
        if (!retrying)
        {
            await NotifyAsync(new SessionEvent(SessionEventKind.Status, "upstream.refused") { Detail = message });
        }
    }

    private Task NotifyServerEventAsync(ServerEvent serverEvent) =>
        RealtimeProtocol.ToUtf8Bytes(serverEvent, ProtocolDialect.GA) is { } json
            ? NotifyAsync(new SessionEvent(SessionEventKind.ServerEvent, serverEvent.Type) { Json = json })
            : Task.CompletedTask;
}
