namespace RealtimeGrains.Gateway;

/// <summary>The cluster-wide <see cref="ITokenLedger"/>: one <see cref="IClientTokenGrain"/> per token.</summary>
internal sealed class GrainTokenLedger(IGrainFactory grains) : ITokenLedger
{
    public Task RecordAsync(string tokenId, ClientTokenGrant grant, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IClientTokenGrain>(tokenId).IssueAsync(grant).WaitAsync(cancellationToken);

    public Task<ClientTokenGrant?> SpendAsync(string tokenId, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IClientTokenGrain>(tokenId).SpendAsync().WaitAsync(cancellationToken);
}
