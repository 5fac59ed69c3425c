using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Telemetry;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>Connects with <see cref="ClientWebSocket"/>: URL per kind, <c>api-key</c>, OpenAI Bearer key or Entra Bearer token.</summary>
internal sealed partial class WebSocketUpstreamConnector : IUpstreamConnector
{
    private readonly RealtimeUpstreamOptions _options;
    private readonly ILogger<WebSocketUpstreamConnector> _logger;
    private readonly UpstreamAuthorization _authorization;
    private readonly string? _siloName;
    private readonly UpstreamCircuit _circuit;

    public WebSocketUpstreamConnector(
        IOptions<RealtimeSessionsOptions> options,
        [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time,
        UpstreamAuthorization authorization,
        ILogger<WebSocketUpstreamConnector> logger,
        ILocalSiloDetails? silo = null)
    {
        _options = options.Value.Upstream;
        _logger = logger;
        _siloName = silo?.Name;
        _circuit = new UpstreamCircuit(_options, time);
        _authorization = authorization;
    }

    /// <summary>The request header naming the product session an upstream connection belongs to.</summary>
    public const string SessionHeader = "X-RealtimeGrains-Session";

    /// <summary>The request header naming the silo that opened an upstream connection.</summary>
    public const string SiloHeader = "X-RealtimeGrains-Silo";

    public async Task<UpstreamConnection> ConnectAsync(string sessionId, string? callId = null, CancellationToken cancellationToken = default)
    {
        // An upstream that refused many connects in a row is given a rest before anyone tries again.
        if (_circuit.RemainingOpen is { } open && open > TimeSpan.Zero)
        {
            LogWaitingForCircuit(_logger, sessionId, open);
            await _circuit.WaitWhileOpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var connection = await ConnectOnceAsync(sessionId, callId, cancellationToken).ConfigureAwait(false);
            _circuit.RecordSuccess();
            return connection;
        }
        catch (UpstreamConnectException ex) when (ex.IsTransient)
        {
            if (_circuit.RecordTransientFailure(ex.RetryAfter))
            {
                LogCircuitOpened(_logger, sessionId, _options.CircuitFailureThreshold, _circuit.RemainingOpen);
            }

            throw;
        }
    }

    private async Task<UpstreamConnection> ConnectOnceAsync(string sessionId, string? callId, CancellationToken cancellationToken)
    {
        var endpoint = callId is null ? UpstreamEndpoint.Build(_options) : UpstreamEndpoint.BuildSideband(_options, callId);
        using var span = UpstreamTelemetry.StartConnect(sessionId, _options.Kind, endpoint, _options.Deployment);
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);

        // Correlation only (the service ignores them; the simulator counts connections per session by them). No secrets.
        socket.Options.SetRequestHeader(SessionHeader, sessionId);
        if (_siloName is not null)
        {
            socket.Options.SetRequestHeader(SiloHeader, _siloName);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            var (header, value) = await _authorization.GetHeaderAsync(timeout.Token).ConfigureAwait(false);
            socket.Options.SetRequestHeader(header, value);

            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A handshake that hangs is a network failure: transient (status 0), so the grain retries with backoff.
            socket.Dispose();
            LogConnectTimedOut(_logger, sessionId, _options.Kind, _options.ConnectTimeout);
            UpstreamTelemetry.ConnectFailed(span, _options.Kind, "timeout", 0);
            throw new UpstreamConnectException($"Upstream connect to {_options.Kind} timed out after {_options.ConnectTimeout}.", 0, ex);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            var status = (int)socket.HttpStatusCode;
            var retryAfter = RetryAfterOf(socket.HttpResponseHeaders);
            socket.Dispose();
            LogConnectFailed(_logger, sessionId, _options.Kind, status, ex.Message);
            UpstreamTelemetry.ConnectFailed(span, _options.Kind, SessionTelemetry.ErrorTypeOf(status), status);
            throw new UpstreamConnectException($"Upstream connect to {_options.Kind} failed (HTTP {status}).", status, ex) { RetryAfter = retryAfter };
        }

        LogConnected(_logger, sessionId, _options.Kind);
        // A call's sideband speaks GA whatever the media upstream's generation: WebRTC calls exist only on the GA paths.
        var dialect = callId is null ? UpstreamEndpoint.DialectOf(_options.Kind) : RealtimeGrains.Protocol.ProtocolDialect.GA;
        return new UpstreamConnection(socket, dialect, _options.SendQueueCapacity, sessionId, _logger);
    }

    /// <summary>The refused handshake's <c>Retry-After</c> (delta seconds or an HTTP date), if any.</summary>
    internal static TimeSpan? RetryAfterOf(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (!name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase) || values.FirstOrDefault() is not { } value)
            {
                continue;
            }

            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Session {SessionId}: upstream {Kind} connected")]
    private static partial void LogConnected(ILogger logger, string sessionId, UpstreamKind kind);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream {Kind} connect failed with HTTP {StatusCode}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string sessionId, UpstreamKind kind, int statusCode, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Session {SessionId}: {Failures} upstream connects failed in a row; the circuit is open for {OpenFor}")]
    private static partial void LogCircuitOpened(ILogger logger, string sessionId, int failures, TimeSpan openFor);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Session {SessionId}: upstream circuit open, connect waits {OpenFor}")]
    private static partial void LogWaitingForCircuit(ILogger logger, string sessionId, TimeSpan openFor);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream {Kind} connect timed out after {Timeout}")]
    private static partial void LogConnectTimedOut(ILogger logger, string sessionId, UpstreamKind kind, TimeSpan timeout);
}
