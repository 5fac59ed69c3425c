using System.Collections.Concurrent;

namespace RealtimeGrains.Gateway;

/// <summary>The hub clients of this process by SignalR connection id (hubs are transient; this holds their state).</summary>
internal sealed class HubClientRegistry
{
    private readonly ConcurrentDictionary<string, HubClient> _clients = new(StringComparer.Ordinal);

    public HubClient GetOrAdd(string connectionId, Func<string, HubClient> factory) => _clients.GetOrAdd(connectionId, factory);

    public HubClient? Find(string connectionId) => _clients.TryGetValue(connectionId, out var client) ? client : null;

    public HubClient? Remove(string connectionId) => _clients.TryRemove(connectionId, out var client) ? client : null;
}
