using Orleans.Placement;

namespace RealtimeGrains.Gateway;

/// <summary>
/// <see cref="IClientTokenGrain"/>: the grant in grain state (the <c>Default</c> store, shared by every silo), cleared when
/// spent or when it expires (a record whose silo died before expiry stays until it is presented once more).
/// </summary>
[PreferLocalPlacement] // minted here, so the issue write is a local call
[CollectionAgeLimit(Minutes = 2)]
internal sealed class ClientTokenGrain(
    [PersistentState("client-token")] IPersistentState<ClientTokenRecord> record,
    [FromKeyedServices(Sessions.Hosting.RealtimeClock.ServiceKey)] TimeProvider time)
    : Grain, IClientTokenGrain
{
    private IGrainTimer? _expiry;

    public async Task IssueAsync(ClientTokenGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (record.RecordExists)
        {
            throw new InvalidOperationException("This token id was issued already.");
        }

        record.State.Grant = grant;
        await record.WriteStateAsync();
        var lifetime = grant.ExpiresAt - time.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            _expiry = this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(lifetime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    public async Task<ClientTokenGrant?> SpendAsync()
    {
        var grant = record.State.Grant;
        if (grant is null)
        {
            return null;
        }

        // Spent: its expiry has nothing left to do (stopped here rather than by the deactivation, which may race a tick).
        _expiry?.Dispose();
        _expiry = null;
        await record.ClearStateAsync();
        DeactivateOnIdle();
        return grant.ExpiresAt > time.GetUtcNow() ? grant : null;
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (record.State.Grant is not null)
        {
            await record.ClearStateAsync(cancellationToken);
        }

        DeactivateOnIdle();
    }
}
