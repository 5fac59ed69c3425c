namespace RealtimeGrains.Sessions.Calls;

/// <summary>The persisted state of one <see cref="ICallRegistryGrain"/> shard.</summary>
public sealed class CallRegistryState
{
    /// <summary>The sessions on a call.</summary>
    public HashSet<string> SessionIds { get; set; } = new(StringComparer.Ordinal);
}
