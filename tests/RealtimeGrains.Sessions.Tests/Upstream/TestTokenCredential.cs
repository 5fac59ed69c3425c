using Azure.Core;

namespace RealtimeGrains.Sessions.Tests.Upstream;

/// <summary>An Entra credential for tests: token N is <c>entra-token-N</c>, valid for ten minutes of the given clock.</summary>
public sealed class TestTokenCredential(TimeProvider time) : TokenCredential
{
    private int _issued;

    public List<string[]> RequestedScopes { get; } = [];

    public int Issued => Volatile.Read(ref _issued);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }

        var n = Interlocked.Increment(ref _issued);
        return new AccessToken($"entra-token-{n}", time.GetUtcNow().AddMinutes(10));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
