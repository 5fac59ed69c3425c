namespace RealtimeGrains.Sessions.Calls;

/// <summary>
/// One shard of the sessions that are on a WebRTC call (keyed 0 to <see cref="CallRegistry.Shards"/> − 1). A call's
/// browser talks to the model service, not to a silo, so when a silo dies nothing would activate its sessions again: the
/// survivors read these lists and activate them, and each goes back onto its call's sideband.
/// </summary>
[Alias("RealtimeGrains.Sessions.Calls.ICallRegistryGrain")]
public interface ICallRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Records that a session is on a call.</summary>
    /// <param name="sessionId">The session.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("AddAsync")]
    Task AddAsync(string sessionId);

    /// <summary>Forgets a session (its call ended, or it ended).</summary>
    /// <param name="sessionId">The session.</param>
    /// <returns>A task that completes when persisted.</returns>
    [Alias("RemoveAsync")]
    Task RemoveAsync(string sessionId);

    /// <summary>The sessions recorded as on a call.</summary>
    /// <returns>A copy of the list.</returns>
    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}
