using Microsoft.Extensions.Primitives;

namespace RealtimeGrains.Simulator;

/// <summary>
/// Decides, before any upgrade, whether a WebSocket request is accepted: credentials (api-key header/query,
/// Bearer header, <c>Authorization</c> query, <c>openai-insecure-api-key.*</c> subprotocol), URL shape per
/// endpoint kind, deployment, injected 429s, protocol generation and the subprotocol to select.
/// </summary>
internal sealed class ConnectResolver(SimulatorOptions options, EphemeralKeyStore keys, SimulatorFaults faults)
{
    private const string KeySubprotocolPrefix = "openai-insecure-api-key.";
    private const string BetaSubprotocol = "openai-beta.realtime-v1";

    public ConnectRequest? Resolve(HttpContext context, RealtimeEndpointKind kind, out HttpFailure? failure)
    {
        var request = context.Request;
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var credential = FindCredential(request, offered);
        EphemeralKey? ephemeral = null;
        if (credential is null || !(IsApiKey(credential) || keys.TryValidate(credential, out ephemeral)))
        {
            failure = HttpFailure.Unauthorized();
            return null;
        }

        string? model;
        switch (kind)
        {
            case RealtimeEndpointKind.AzurePreview:
                if (StringValues.IsNullOrEmpty(request.Query["api-version"]))
                {
                    failure = HttpFailure.BadRequest("Missing required query parameter: 'api-version'.");
                    return null;
                }

                model = request.Query["deployment"].ToString();
                break;
            case RealtimeEndpointKind.AzureGa:
                if (!StringValues.IsNullOrEmpty(request.Query["api-version"]))
                {
                    // The Azure migration guide lists a 401 for an api-version on the GA path.
                    failure = HttpFailure.Unauthorized();
                    return null;
                }

                model = request.Query["model"].ToString();
                break;
            default:
                model = request.Query["model"].ToString();
                break;
        }

        if (string.IsNullOrEmpty(model))
        {
            model = ephemeral?.Model;
        }

        if (string.IsNullOrEmpty(model))
        {
            failure = HttpFailure.BadRequest(kind == RealtimeEndpointKind.AzurePreview
                ? "Missing required query parameter: 'deployment'."
                : "Missing required query parameter: 'model'.");
            return null;
        }

        if (options.Deployments.Count > 0 && !options.Deployments.Contains(model, StringComparer.Ordinal))
        {
            failure = HttpFailure.DeploymentNotFound();
            return null;
        }

        if (faults.TryConsumeRefusal())
        {
            failure = HttpFailure.RateLimited(faults.RefusalRetryAfterSeconds);
            return null;
        }

        var beta = kind switch
        {
            RealtimeEndpointKind.AzurePreview => true,
            RealtimeEndpointKind.AzureGa => false,
            _ => request.Headers["OpenAI-Beta"].Any(v => v is not null && v.Contains("realtime=v1", StringComparison.OrdinalIgnoreCase))
                 || offered.Contains(BetaSubprotocol, StringComparer.Ordinal),
        };

        failure = null;
        return new ConnectRequest(kind, beta, model, SelectSubprotocol(offered), ephemeral);
    }

    /// <summary>The key-bearing credential of an HTTP request (connect or ephemeral-key mint).</summary>
    public static string? FindCredential(HttpRequest request, IList<string>? offeredSubprotocols = null)
    {
        var header = request.Headers["api-key"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var bearer = Bearer(request.Headers.Authorization.ToString()) ?? Bearer(request.Query["Authorization"].ToString());
        if (bearer is not null)
        {
            return bearer;
        }

        var query = request.Query["api-key"].ToString();
        if (query.Length > 0)
        {
            return query;
        }

        var smuggled = offeredSubprotocols?.FirstOrDefault(p => p.StartsWith(KeySubprotocolPrefix, StringComparison.Ordinal));
        return smuggled is { Length: > 24 } ? smuggled[KeySubprotocolPrefix.Length..] : null;
    }

    public bool IsApiKey(string credential) =>
        options.ApiKeys.Count == 0 ? !credential.StartsWith("ek_", StringComparison.Ordinal) : options.ApiKeys.Contains(credential, StringComparer.Ordinal);

    private static string? Bearer(string value) =>
        value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value.Length > 7 ? value[7..].Trim() : null;

    internal static string? SelectSubprotocol(IList<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        // Browsers fail the handshake unless one offered protocol is selected; never echo the key-bearing one.
        return offered.Contains("realtime", StringComparer.Ordinal)
            ? "realtime"
            : offered.FirstOrDefault(p => !p.StartsWith(KeySubprotocolPrefix, StringComparison.Ordinal));
    }
}
