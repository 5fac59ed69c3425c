using System.Collections.Concurrent;

namespace RealtimeGrains.Simulator;

/// <summary>Mints ephemeral keys and checks them on connect; expiry follows the simulator's <see cref="TimeProvider"/>.</summary>
internal sealed class EphemeralKeyStore(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, EphemeralKey> _keys = new(StringComparer.Ordinal);

    public EphemeralKey Issue(string model, string? sessionJson, bool beta, TimeSpan lifetime)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var stale in _keys.Where(k => k.Value.ExpiresAt <= now))
        {
            _keys.TryRemove(stale);
        }

        var key = new EphemeralKey(RealtimeGrains.Protocol.ProtocolIds.NewEphemeralKey(), now + lifetime, model, sessionJson, beta);
        _keys[key.Value] = key;
        return key;
    }

    public bool TryValidate(string value, out EphemeralKey? key)
    {
        if (_keys.TryGetValue(value, out key))
        {
            if (key.ExpiresAt > timeProvider.GetUtcNow())
            {
                return true;
            }

            _keys.TryRemove(value, out _);
        }

        key = null;
        return false;
    }
}
