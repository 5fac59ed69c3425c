using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Gateway;

/// <summary>Where credentials travel on gateway requests, and the constant-time server-credential check.</summary>
internal static class GatewayCredentials
{
    public const string KeySubprotocolPrefix = "openai-insecure-api-key.";

    /// <summary>The credential of a request: <c>api-key</c> header, <c>Authorization: Bearer</c>, or (WebSocket) the key subprotocol.</summary>
    public static string? Find(HttpRequest request, IList<string>? offeredSubprotocols = null)
    {
        var header = request.Headers["api-key"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        var smuggled = offeredSubprotocols?.FirstOrDefault(p => p.StartsWith(KeySubprotocolPrefix, StringComparison.Ordinal));
        return smuggled is not null && smuggled.Length > KeySubprotocolPrefix.Length ? smuggled[KeySubprotocolPrefix.Length..] : null;
    }

    /// <summary>Whether the request carries the server credential; if not, logs it and writes the 401.</summary>
    public static async Task<bool> RequireServerCredentialAsync(HttpContext context, ILogger logger)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        if (IsServerCredential(options, Find(context.Request)))
        {
            return true;
        }

        GatewayLog.MintUnauthorized(logger);
        await TokenEndpoints.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Access denied due to invalid server credential.").ConfigureAwait(false);
        return false;
    }

    /// <summary>Whether <paramref name="presented"/> is one of the configured server credentials (constant time per candidate).</summary>
    public static bool IsServerCredential(GatewayOptions options, string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var credential in options.ServerCredentials)
        {
            match |= CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(credential));
        }

        return match;
    }
}
