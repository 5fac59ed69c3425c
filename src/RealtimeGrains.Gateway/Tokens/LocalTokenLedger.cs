using System.Collections.Concurrent;

namespace RealtimeGrains.Gateway;

/// <summary>An in-process <see cref="ITokenLedger"/> (one process only; expired grants are pruned as new ones come).</summary>
public sealed class LocalTokenLedger(TimeProvider time) : ITokenLedger
{
    private readonly ConcurrentDictionary<string, ClientTokenGrant> _unspent = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task RecordAsync(string tokenId, ClientTokenGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (_unspent.Count >= 1024)
        {
            var now = time.GetUtcNow();
            foreach (var (id, unspent) in _unspent)
            {
                if (unspent.ExpiresAt <= now)
                {
                    _unspent.TryRemove(id, out _);
                }
            }
        }

        _unspent[tokenId] = grant;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ClientTokenGrant?> SpendAsync(string tokenId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_unspent.TryRemove(tokenId, out var grant) ? grant : null);
}
