using Azure.Core;

namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// Gets Entra ID tokens for the Cognitive Services scope and caches one until <c>margin</c> before it
/// expires (or until the credential's suggested refresh time), so every connect carries a valid token.
/// </summary>
internal sealed class EntraTokenSource(TokenCredential credential, TimeProvider time, TimeSpan margin) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } token && now < RefreshAt(token))
            {
                return token.Token;
            }

            var context = new TokenRequestContext([RealtimeUpstreamOptions.CognitiveServicesScope]);
            var fresh = await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            _cached = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private DateTimeOffset RefreshAt(AccessToken token)
    {
        var byMargin = token.ExpiresOn - margin;
        return token.RefreshOn is { } suggested && suggested < byMargin ? suggested : byMargin;
    }
}
