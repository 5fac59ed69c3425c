using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// The HTTP side of WebRTC at the upstream service, with the silo's own credential: creating a call from a browser's SDP
/// offer (<c>POST …/realtime/calls</c>, multipart <c>sdp</c> + <c>session</c>, Azure's <c>webrtcfilter=on</c> so the
/// browser's data channel never carries tool traffic), minting ephemeral keys (GA <c>client_secrets</c>, Azure's preview
/// sessions URL) and hanging up. One <see cref="HttpClient"/> per silo.
/// </summary>
internal sealed partial class UpstreamCalls : IDisposable
{
    /// <summary>The largest SDP or key response read back from the service.</summary>
    private const int MaxResponseBytes = 256 * 1024;

    private readonly RealtimeUpstreamOptions _options;
    private readonly UpstreamAuthorization _authorization;
    private readonly ILogger<UpstreamCalls> _logger;
    private readonly HttpClient _http;

    public UpstreamCalls(IOptions<RealtimeSessionsOptions> options, UpstreamAuthorization authorization, ILogger<UpstreamCalls> logger)
    {
        _options = options.Value.Upstream;
        _authorization = authorization;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = _options.ConnectTimeout,
        };
    }

    /// <summary>Creates a call upstream for <paramref name="sdpOffer"/> with the session's configuration.</summary>
    /// <param name="sessionId">The product session (logs and the correlation header).</param>
    /// <param name="sdpOffer">The browser's SDP offer.</param>
    /// <param name="sessionJson">The GA session configuration (<c>{"type":"realtime","model":…}</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The call id and the SDP answer.</returns>
    /// <exception cref="UpstreamCallException">The service refused or did not answer.</exception>
    public async Task<UpstreamCall> CreateCallAsync(string sessionId, string sdpOffer, string sessionJson, CancellationToken cancellationToken = default)
    {
        var query = _options.Kind == UpstreamKind.OpenAI ? string.Empty : "?webrtcfilter=on";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(sdpOffer, Encoding.UTF8, "application/sdp"), "sdp" },
            { new StringContent(sessionJson, Encoding.UTF8, "application/json"), "session" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamEndpoint.BuildHttp(_options, "/realtime/calls" + query)) { Content = form };
        using var response = await SendAsync(sessionId, request, "create call", cancellationToken).ConfigureAwait(false);
        var answer = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var location = response.Headers.Location?.OriginalString;
        var callId = location?.TrimEnd('/').Split('/')[^1];
        if (string.IsNullOrEmpty(callId) || !answer.StartsWith("v=", StringComparison.Ordinal))
        {
            throw new UpstreamCallException("The model service answered the call without a call id or an SDP answer.", (int)response.StatusCode, null);
        }

        LogCallCreated(_logger, sessionId, callId);
        return new UpstreamCall(callId, answer);
    }

    /// <summary>Mints a GA ephemeral key (<c>POST …/realtime/client_secrets</c>).</summary>
    /// <param name="sessionId">The product session (logs).</param>
    /// <param name="requestJson">The body: <c>{"expires_after":…,"session":…}</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The service's answer (<c>{"value":"ek_…","expires_at":…,"session":…}</c>), as JSON.</returns>
    /// <exception cref="UpstreamCallException">The service refused or did not answer.</exception>
    public async Task<string> MintClientSecretAsync(string sessionId, string requestJson, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamEndpoint.BuildHttp(_options, "/realtime/client_secrets"))
        {
            Content = new StringContent(requestJson, Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(sessionId, request, "mint client secret", cancellationToken).ConfigureAwait(false);
        return await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mints a preview one-minute WebRTC key at Azure's sessions URL.</summary>
    /// <param name="sessionId">The product session (logs).</param>
    /// <param name="sessionJson">The beta session configuration with <c>model</c> = the deployment.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The session object with its <c>client_secret</c>, as JSON.</returns>
    /// <exception cref="UpstreamCallException">The service refused or did not answer.</exception>
    public async Task<string> MintPreviewKeyAsync(string sessionId, string sessionJson, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamEndpoint.BuildPreviewSessions(_options))
        {
            Content = new StringContent(sessionJson, Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(sessionId, request, "mint preview key", cancellationToken).ConfigureAwait(false);
        return await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hangs up a call (best effort: an unknown or ended call is not an error).</summary>
    /// <param name="sessionId">The product session (logs).</param>
    /// <param name="callId">The call.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the service answered.</returns>
    public async Task HangUpAsync(string sessionId, string callId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamEndpoint.BuildHttp(_options, $"/realtime/calls/{Uri.EscapeDataString(callId)}/hangup"));
            using var response = await SendAsync(sessionId, request, "hang up", cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamCallException ex)
        {
            LogHangUpFailed(_logger, sessionId, callId, ex.StatusCode, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string sessionId, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            var (header, value) = await _authorization.GetHeaderAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.TryAddWithoutValidation(header, value);
            request.Headers.TryAddWithoutValidation(WebSocketUpstreamConnector.SessionHeader, sessionId);
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Azure.Identity.AuthenticationFailedException && !cancellationToken.IsCancellationRequested)
        {
            LogRequestFailed(_logger, sessionId, what, 0, ex.Message);
            throw new UpstreamCallException($"The model service did not answer ({what}).", 0, null, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var (code, message) = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            LogRequestFailed(_logger, sessionId, what, status, message ?? code ?? string.Empty);
            throw new UpstreamCallException($"The model service refused to {what} (HTTP {status}){(message is null ? "." : ": " + message)}", status, code);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new UpstreamCallException("The model service's answer is too large.", (int)response.StatusCode, null);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return bytes.Length > MaxResponseBytes
            ? throw new UpstreamCallException("The model service's answer is too large.", (int)response.StatusCode, null)
            : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The service's <c>{"error":{"code","message"}}</c>, if it sent one.</summary>
    private static async Task<(string? Code, string? Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                    error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null);
            }
        }
        catch (Exception ex) when (ex is JsonException or UpstreamCallException or HttpRequestException)
        {
        }

        return (null, null);
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Session {SessionId}: upstream WebRTC call {CallId} created")]
    private static partial void LogCallCreated(ILogger logger, string sessionId, string callId);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream request '{What}' failed with HTTP {StatusCode}: {Reason}")]
    private static partial void LogRequestFailed(ILogger logger, string sessionId, string what, int statusCode, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Debug, Message = "Session {SessionId}: hanging up call {CallId} failed with HTTP {StatusCode}: {Reason}")]
    private static partial void LogHangUpFailed(ILogger logger, string sessionId, string callId, int statusCode, string reason);
}
