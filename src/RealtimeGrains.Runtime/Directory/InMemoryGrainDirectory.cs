using System.Collections.Concurrent;

namespace RealtimeGrains.Runtime.Directory;

/// <summary>The single-silo grain directory: a dictionary in process memory.</summary>
internal sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    public ValueTask<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.GetOrAdd(address.GrainId, address));

    public ValueTask UnregisterAsync(GrainAddress address, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return ValueTask.CompletedTask;
    }

    public ValueTask<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_entries.TryGetValue(grainId, out var address) ? address : null);
}
