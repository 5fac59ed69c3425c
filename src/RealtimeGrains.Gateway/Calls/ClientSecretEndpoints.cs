using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>
/// <c>POST /v1/realtime/client_secrets</c> and <c>POST /openai/v1/realtime/client_secrets</c>: an application server
/// (server credential) has the session grain mint a GA ephemeral key at the model service, for a browser that posts its SDP
/// offer to the service itself. Body as the service takes it (<c>expires_after</c>, <c>session</c> in GA shape) plus an
/// optional <c>session_id</c>. The answer is the service's (<c>value</c>, <c>expires_at</c>, <c>session</c> without its
/// instructions and tools) plus <c>session_id</c> and a single-use <c>attach_token</c> with which the browser reports its
/// call (<c>POST /v1/realtime/calls/{call_id}/attach</c>) so the grain holds the call's sideband.
/// </summary>
internal static class ClientSecretEndpoints
{
    /// <summary>
    /// <c>POST /openai/realtimeapi/sessions?webrtc=true</c> (server credential; body as for a token): the session grain mints
    /// a preview one-minute key at Azure's sessions URL (client tools only: a preview call has no sideband) and the answer
    /// carries it as <c>client_secret</c>, with <c>webrtc_url</c> (the regional <c>…/v1/realtimertc</c>) and <c>session_id</c>.
    /// </summary>
    public static Task HandlePreviewAsync(HttpContext context, ILogger logger, string sessionId, string? configJson) =>
        CallEndpoints.RunAsync(context, logger, sessionId, configJson is null ? null : new SessionConfigJson(configJson, ProtocolDialect.Beta), grain => grain.MintPreviewKeyAsync(), result =>
        {
            var answer = JsonNode.Parse(result.Body ?? "{}") as JsonObject ?? [];
            answer.Remove("instructions"); // the browser holds the key, not the server's prompt
            answer["session_id"] = sessionId;
            GatewayLog.ClientSecretMinted(logger, sessionId);
            return CallEndpoints.WriteSecretJsonAsync(context, answer);
        });

    public static async Task HandleMintAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientSecretEndpoints).FullName!);
        if (!await GatewayCredentials.RequireServerCredentialAsync(context, logger).ConfigureAwait(false))
        {
            return;
        }

        if (await TokenEndpoints.ReadJsonObjectAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        string? sessionId = null;
        if (body["session_id"] is { } idNode)
        {
            sessionId = idNode.GetValueKind() == JsonValueKind.String ? idNode.GetValue<string>() : null;
            if (!ClientTokenService.IsValidSessionId(sessionId))
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "Invalid 'session_id'.", "session_id").ConfigureAwait(false);
                return;
            }
        }

        int? seconds = null;
        if (body["expires_after"] is { } expiresAfter)
        {
            if (expiresAfter is not JsonObject expiry || expiry["seconds"] is not JsonValue value || !value.TryGetValue<int>(out var s) || s is < 10 or > 7200)
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "Invalid 'expires_after.seconds': expected an integer between 10 and 7200.", "expires_after.seconds").ConfigureAwait(false);
                return;
            }

            seconds = s;
        }

        string? configJson = null;
        if (body["session"] is { } session)
        {
            if (session is not JsonObject sessionObject)
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_type", "'session' must be an object.", "session").ConfigureAwait(false);
                return;
            }

            sessionObject.Remove("model"); // the deployment is the silo's
            configJson = sessionObject.ToJsonString();
            if (SessionConfigCheck.Validate(configJson, ProtocolDialect.GA) is { } invalid)
            {
                await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, invalid.Code, invalid.Message, "session." + invalid.Param).ConfigureAwait(false);
                return;
            }
        }

        sessionId ??= ProtocolIds.NewSessionId();
        MintedToken attach;
        try
        {
            attach = await services.GetRequiredService<ClientTokenService>().MintAsync(sessionId, null, services.GetRequiredService<IOptions<GatewayOptions>>().Value.TokenLifetime, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            await TokenEndpoints.WriteUnavailableAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var config = configJson is null ? null : new SessionConfigJson(configJson, ProtocolDialect.GA);
        await CallEndpoints.RunAsync(context, logger, sessionId, config, grain => grain.MintClientSecretAsync(seconds), result =>
        {
            var answer = JsonNode.Parse(result.Body ?? "{}") as JsonObject ?? [];
            if (answer["session"] is JsonObject minted)
            {
                // The browser holds the key, not the server's prompt or its tools.
                minted.Remove("instructions");
                minted.Remove("tools");
            }

            answer["session_id"] = sessionId;
            answer["attach_token"] = new JsonObject { ["value"] = attach.Value, ["expires_at"] = attach.ExpiresAt.ToUnixTimeSeconds() };
            GatewayLog.ClientSecretMinted(logger, sessionId);
            return CallEndpoints.WriteSecretJsonAsync(context, answer);
        }).ConfigureAwait(false);
    }
}
