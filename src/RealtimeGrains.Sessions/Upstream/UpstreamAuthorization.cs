using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// The credential header of every request to the upstream service (WebSocket connects and the HTTP calls of WebRTC):
/// an Entra ID Bearer token, OpenAI's <c>Authorization: Bearer</c> key, or Azure's <c>api-key</c>. The credential stays
/// in the silo; nothing here is logged.
/// </summary>
internal sealed class UpstreamAuthorization : IDisposable
{
    private readonly RealtimeUpstreamOptions _options;
    private readonly EntraTokenSource? _tokens;

    public UpstreamAuthorization(IOptions<RealtimeSessionsOptions> options, [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time)
    {
        _options = options.Value.Upstream;
        if (_options.UseEntraId)
        {
            _tokens = new EntraTokenSource(_options.Credential ?? new DefaultAzureCredential(), time, _options.TokenRefreshMargin);
        }
    }

    /// <summary>Gets the header to send.</summary>
    /// <param name="cancellationToken">Cancels getting an Entra token.</param>
    /// <returns>The header name and value.</returns>
    public async Task<(string Name, string Value)> GetHeaderAsync(CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            return ("Authorization", "Bearer " + await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        }

        return _options.Kind == UpstreamKind.OpenAI ? ("Authorization", "Bearer " + _options.ApiKey) : ("api-key", _options.ApiKey ?? string.Empty);
    }

    public void Dispose() => _tokens?.Dispose();
}
