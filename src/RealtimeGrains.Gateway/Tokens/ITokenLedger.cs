namespace RealtimeGrains.Gateway;

/// <summary>The record of unspent client tokens: what makes a token single-use (across every silo, for the grain ledger).</summary>
public interface ITokenLedger
{
    /// <summary>Records a freshly minted token's grant.</summary>
    /// <param name="tokenId">The token's random id.</param>
    /// <param name="grant">What it entitles to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the token can be redeemed anywhere.</returns>
    Task RecordAsync(string tokenId, ClientTokenGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Spends a token: its grant the first time, null after that (or when it was never recorded).</summary>
    /// <param name="tokenId">The token's random id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant, once.</returns>
    Task<ClientTokenGrant?> SpendAsync(string tokenId, CancellationToken cancellationToken = default);
}
