using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RealtimeGrains.Host;

/// <summary>
/// Shares one probe among the readiness requests of a short period: a result younger than the cache time is returned as
/// is, and concurrent requests wait for the same probe in flight. Probes stay cheap however often a balancer asks.
/// </summary>
internal sealed class CachedProbe(TimeSpan cacheFor, TimeProvider time)
{
    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _current;
    private long _startedAt;

    public Task<HealthCheckResult> GetAsync(Func<Task<HealthCheckResult>> probe)
    {
        lock (_lock)
        {
            if (_current is null || (_current.IsCompleted && time.GetElapsedTime(_startedAt) >= cacheFor))
            {
                _startedAt = time.GetTimestamp();
                _current = probe();
            }

            return _current;
        }
    }
}
