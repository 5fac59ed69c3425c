using System.Collections.Concurrent;

namespace RealtimeGrains.Sessions.Status;

/// <summary>The session activations of this silo, joined once active and left on deactivation (the sessions page's source).</summary>
internal sealed class LiveSessionRegistry
{
    private readonly ConcurrentDictionary<RealtimeSessionGrain, byte> _live = new(ReferenceEqualityComparer.Instance);

    public int Count => _live.Count;

    public void Add(RealtimeSessionGrain grain) => _live.TryAdd(grain, 0);

    public void Remove(RealtimeSessionGrain grain) => _live.TryRemove(grain, out _);

    public IReadOnlyCollection<RealtimeSessionGrain> Snapshot() => [.. _live.Keys];
}
