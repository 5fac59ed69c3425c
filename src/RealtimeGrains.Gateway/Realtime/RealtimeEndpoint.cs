using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using RealtimeGrains.Protocol;

using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>
/// The handshake of the Realtime-compatible endpoint: client token (Bearer, <c>api-key</c> or the
/// <c>openai-insecure-api-key.</c> subprotocol) checked and spent before the upgrade, path shape, dialect, attach, accept.
/// </summary>
internal static class RealtimeEndpoint
{
    private const string BetaSubprotocol = "openai-beta.realtime-v1";

    public static async Task HandleAsync(HttpContext context, RealtimePathKind kind)
    {
        // One address's open connections are bounded before anything else is looked at (its token stays unspent).
        var addresses = context.RequestServices.GetRequiredService<ConnectionsPerAddress>();
        var address = context.Connection.RemoteIpAddress;
        if (!addresses.TryAcquire(address))
        {
            var refusals = context.RequestServices.GetRequiredService<RefusalLogBudget>();
            if (refusals.TryTake("ip:" + address))
            {
                GatewayLog.ConnectionRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RealtimeEndpoint).FullName!), context.Request.Path, "too many connections from its address");
            }

            context.Response.Headers.RetryAfter = "5";
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "too_many_connections", "Too many connections from this address; close some and retry.").ConfigureAwait(false);
            return;
        }

        try
        {
            await HandleConnectionAsync(context, kind).ConfigureAwait(false);
        }
        finally
        {
            addresses.Release(address);
        }
    }

    private static async Task HandleConnectionAsync(HttpContext context, RealtimePathKind kind)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RealtimeEndpoint).FullName!);
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        TokenCheck outcome;
        ClientTokenGrant? grant;
        try
        {
            (outcome, grant) = await services.GetRequiredService<ClientTokenService>().RedeemAsync(GatewayCredentials.Find(context.Request, offered), context.RequestAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            await TokenEndpoints.WriteUnavailableAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var refusals = services.GetRequiredService<RefusalLogBudget>();
        if (outcome != TokenCheck.Valid)
        {
            if (refusals.TryTake("ip:" + context.Connection.RemoteIpAddress))
            {
                GatewayLog.ClientTokenRejected(logger, context.Request.Path, outcome);
            }

            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Access denied due to invalid or expired client token.").ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var shapeError = kind switch
        {
            RealtimePathKind.AzurePreview when StringValues.IsNullOrEmpty(query["api-version"]) => "Missing required query parameter: 'api-version'.",
            RealtimePathKind.AzureGa when !StringValues.IsNullOrEmpty(query["api-version"]) => "The GA path takes no 'api-version'.",
            _ when query["intent"] == "transcription" => "Transcription-only sessions (intent=transcription) are not served by this gateway: its sessions are conversations.",
            _ => null,
        };
        if (shapeError is not null || !context.WebSockets.IsWebSocketRequest)
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", shapeError ?? "A WebSocket upgrade is required.").ConfigureAwait(false);
            return;
        }

        var dialect = kind switch
        {
            RealtimePathKind.AzurePreview => ProtocolDialect.Beta,
            RealtimePathKind.AzureGa => ProtocolDialect.GA,
            _ => context.Request.Headers["OpenAI-Beta"].Any(v => v is not null && v.Contains("realtime=v1", StringComparison.OrdinalIgnoreCase))
                 || offered.Contains(BetaSubprotocol, StringComparer.Ordinal) ? ProtocolDialect.Beta : ProtocolDialect.GA,
        };

        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        using var connection = new RealtimeClientConnection(context.Connection.Id, dialect, options, services.GetRequiredKeyedService<TimeProvider>(RealtimeClock.ServiceKey), refusals, logger);
        IRealtimeSessionAttachment attachment;
        try
        {
            attachment = await services.GetRequiredService<IRealtimeSessionConnector>().AttachAsync(grant!, connection, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SessionUnavailableException ex)
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "session_unavailable", ex.Message).ConfigureAwait(false);
            return;
        }
        catch (SessionFullException ex)
        {
            await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "too_many_clients", ex.Message).ConfigureAwait(false);
            return;
        }

        await using (attachment.ConfigureAwait(false))
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(SelectSubprotocol(offered)).ConfigureAwait(false);
            GatewayLog.ClientAttached(logger, context.Connection.Id, attachment.SessionId, "realtime");
            // When the host starts stopping the client is told to reconnect (1012) and the connection ends, so Kestrel's drain
            // does not wait out its timeout on open sockets; if the client does not answer the close, it is cut after 3 s.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            using var onStop = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
            {
                connection.OnSessionMoved("The server is restarting; reconnect to resume the session.");
                stopping.CancelAfter(TimeSpan.FromSeconds(3));
            });
            await connection.RunAsync(socket, attachment, stopping.Token).ConfigureAwait(false);
            GatewayLog.ClientDetached(logger, context.Connection.Id, attachment.SessionId);
        }
    }

    private static string? SelectSubprotocol(IList<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        // Browsers fail the handshake unless one offered protocol is selected; never echo the token-bearing one.
        return offered.Contains("realtime", StringComparer.Ordinal)
            ? "realtime"
            : offered.FirstOrDefault(p => !p.StartsWith(GatewayCredentials.KeySubprotocolPrefix, StringComparison.Ordinal));
    }
}
