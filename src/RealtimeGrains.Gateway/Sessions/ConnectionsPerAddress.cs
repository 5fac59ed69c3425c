using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace RealtimeGrains.Gateway;

/// <summary>Counts open client connections per remote address against <see cref="GatewayOptions.MaxConnectionsPerAddress"/>.</summary>
internal sealed class ConnectionsPerAddress(IOptions<GatewayOptions> options)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();

    /// <summary>Counts one more connection from <paramref name="address"/>; false (nothing counted) when it is at the limit.</summary>
    /// <param name="address">The remote address; null (an in-memory transport) is not limited.</param>
    /// <returns>Whether the connection may proceed; if so, call <see cref="Release"/> when it ends.</returns>
    public bool TryAcquire(IPAddress? address)
    {
        if (address is null)
        {
            return true;
        }

        var limit = options.Value.MaxConnectionsPerAddress;
        while (true)
        {
            var current = _open.GetOrAdd(address, 0);
            if (current >= limit)
            {
                return false;
            }

            if (_open.TryUpdate(address, current + 1, current))
            {
                return true;
            }
        }
    }

    /// <summary>Counts a connection of <paramref name="address"/> as ended.</summary>
    /// <param name="address">The address passed to a successful <see cref="TryAcquire"/>.</param>
    public void Release(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        while (_open.TryGetValue(address, out var current))
        {
            if (current <= 1 ? _open.TryRemove(new KeyValuePair<IPAddress, int>(address, current)) : _open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }
}
