namespace RealtimeGrains.Sessions.Calls;

/// <summary>Which <see cref="ICallRegistryGrain"/> shard holds a session.</summary>
public static class CallRegistry
{
    /// <summary>How many shards the sessions on calls are spread over (so no single grain takes every call's start and end).</summary>
    public const int Shards = 8;

    /// <summary>The shard of <paramref name="sessionId"/> (a stable hash, the same on every silo and version).</summary>
    /// <param name="sessionId">The session.</param>
    /// <returns>0 to <see cref="Shards"/> − 1.</returns>
    public static int ShardOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var hash = 2166136261u;
        foreach (var c in sessionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }
}
