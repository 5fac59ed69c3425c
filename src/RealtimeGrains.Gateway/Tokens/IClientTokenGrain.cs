namespace RealtimeGrains.Gateway;

/// <summary>One minted client token's record, keyed by the token's random id: issued once, spent once, on any silo.</summary>
[Alias("RealtimeGrains.Gateway.IClientTokenGrain")]
public interface IClientTokenGrain : IGrainWithStringKey
{
    /// <summary>Records the grant (persisted, so the token survives the silo that minted it).</summary>
    /// <param name="grant">What the token entitles to.</param>
    /// <returns>A task that completes when recorded.</returns>
    [Alias("IssueAsync")]
    Task IssueAsync(ClientTokenGrant grant);

    /// <summary>The grant the first time; null after that, after expiry, or for a token never issued.</summary>
    /// <returns>The grant, once.</returns>
    [Alias("SpendAsync")]
    Task<ClientTokenGrant?> SpendAsync();
}
