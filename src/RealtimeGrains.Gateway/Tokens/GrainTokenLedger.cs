namespace RealtimeGrains.Gateway;

/// <summary>
/// The cluster-wide <see cref="ITokenLedger"/>: one <see cref="IClientTokenGrain"/> per token. A call that meets the cluster
/// mid-failover (a silo being declared dead, a directory range moving) is tried again for up to 5 s; then
/// <see cref="TokenLedgerUnavailableException"/> (the endpoints answer 503).
/// </summary>
internal sealed class GrainTokenLedger(IGrainFactory grains) : ITokenLedger
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    public Task RecordAsync(string tokenId, ClientTokenGrant grant, CancellationToken cancellationToken = default) =>
        RetryAsync(async token =>
        {
            await grains.GetGrain<IClientTokenGrain>(tokenId).IssueAsync(grant).WaitAsync(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<ClientTokenGrant?> SpendAsync(string tokenId, CancellationToken cancellationToken = default) =>
        RetryAsync(token => grains.GetGrain<IClientTokenGrain>(tokenId).SpendAsync().WaitAsync(token), cancellationToken);

    private static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                return await call(attempt.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (patience.IsCancellationRequested)
                {
                    throw new TokenLedgerUnavailableException("The token record could not be reached; try again.", ex);
                }

                await Task.Delay(delay, CancellationToken.None).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, delay.Ticks * 2));
            }
        }
    }
}
