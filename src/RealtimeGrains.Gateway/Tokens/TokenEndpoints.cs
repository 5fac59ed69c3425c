using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>
/// <c>POST /v1/realtime/sessions</c> and <c>POST /openai/realtimeapi/sessions</c>: an application server, authenticated by
/// its server credential, mints a client token for a new session (or an existing one via <c>session_id</c>).
/// </summary>
internal static class TokenEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task HandleMintAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenEndpoints).FullName!);
        if (!await GatewayCredentials.RequireServerCredentialAsync(context, logger).ConfigureAwait(false))
        {
            return;
        }

        if (await ReadJsonObjectAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        string? sessionId = null;
        if (body.TryGetPropertyValue("session_id", out var idNode))
        {
            sessionId = idNode?.GetValueKind() == JsonValueKind.String ? idNode.GetValue<string>() : null;
            if (!ClientTokenService.IsValidSessionId(sessionId))
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_value", "Invalid 'session_id'.", "session_id").ConfigureAwait(false);
                return;
            }

            body.Remove("session_id");
        }

        var configJson = body.Count == 0 ? null : body.ToJsonString();
        if (configJson is not null)
        {
            // The protocol library validates the configuration exactly as a session.update would be.
            if (SessionConfigCheck.Validate(configJson, ProtocolDialect.Beta) is { } invalid)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, invalid.Code, invalid.Message, invalid.Param).ConfigureAwait(false);
                return;
            }
        }

        if (context.Request.Query["webrtc"] == "true")
        {
            // Preview WebRTC (the seeds' flow): an upstream one-minute key and the regional WebRTC URL, not a gateway token.
            await ClientSecretEndpoints.HandlePreviewAsync(context, logger, sessionId ?? ProtocolIds.NewSessionId(), configJson).ConfigureAwait(false);
            return;
        }

        MintedToken token;
        try
        {
            token = await services.GetRequiredService<ClientTokenService>().MintAsync(sessionId, configJson, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (TokenLedgerUnavailableException ex)
        {
            await WriteUnavailableAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        GatewayLog.TokenMinted(logger, token.SessionId, token.ExpiresAt);
        var response = (JsonObject)body.DeepClone();
        response["id"] = token.SessionId;
        response["object"] = "realtime.session";
        response["client_secret"] = new JsonObject
        {
            ["value"] = token.Value,
            ["expires_at"] = token.ExpiresAt.ToUnixTimeSeconds(),
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads a JSON object body (at most 64 KiB; empty = <c>{}</c>); on failure writes the 413 or 400 and returns null.</summary>
    internal static async Task<JsonObject?> ReadJsonObjectAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request_too_large", "The request body is too large.").ConfigureAwait(false);
            return null;
        }

        JsonObject body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (buffer.Length > MaxBodyBytes)
            {
                await WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "request_too_large", "The request body is too large.").ConfigureAwait(false);
                return null;
            }

            if (buffer.Length > 0)
            {
                using var document = JsonDocument.Parse(buffer.ToArray());
                CheckReadable(document.RootElement);
            }

            body = buffer.Length == 0 ? [] : JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_json", "The request body must be a JSON object.").ConfigureAwait(false);
            return null;
        }

        return body;
    }

    /// <summary>
    /// Throws <see cref="JsonException"/> for a duplicate key, invalid UTF-8 or a lone surrogate escape anywhere in the
    /// body: <see cref="JsonNode"/> reads lazily and would throw other exceptions later, when the request is a 500.
    /// </summary>
    private static void CheckReadable(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!names.Add(property.Name))
                        {
                            throw new JsonException($"Duplicate key '{property.Name}'.");
                        }

                        CheckReadable(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        CheckReadable(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("Not valid UTF-8 JSON.", ex);
        }
    }

    /// <summary>Writes an OpenAI-shaped error body (<c>{"error":{…}}</c>).</summary>
    /// <summary>503 with <c>Retry-After: 1</c>: the cluster is failing over; the same request shortly after will do.</summary>
    internal static Task WriteUnavailableAsync(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = "1";
        return WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "service_unavailable", message);
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? param = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject
        {
            ["type"] = "invalid_request_error",
            ["code"] = code,
            ["message"] = message,
            ["param"] = param,
        };
        await context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
