namespace RealtimeGrains.Sessions.Status;

/// <summary>Fans <see cref="ISessionStatusService.GetLocalSessionsAsync"/> out to the active silos of the membership snapshot.</summary>
internal sealed class LiveSessionDirectory(IClusterMembershipService membership, SessionStatusClient client) : ILiveSessionDirectory
{
    private static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<SiloSessions>> ListAsync(CancellationToken cancellationToken = default)
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        return await Task.WhenAll(silos.Select(m => AskAsync(m, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<SiloSessions> AskAsync(ClusterMember member, CancellationToken cancellationToken)
    {
        try
        {
            var sessions = await client.On(member.SiloAddress).GetLocalSessionsAsync().WaitAsync(SiloTimeout, cancellationToken).ConfigureAwait(false);
            return new SiloSessions(member.SiloAddress.ToParsableString(), member.Name, true, sessions);
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException or OrleansException)
        {
            return new SiloSessions(member.SiloAddress.ToParsableString(), member.Name, false, []);
        }
    }
}
