namespace RealtimeGrains.Gateway;

/// <summary>
/// Per-connection token bucket over <see cref="GatewayOptions.MessagesPerSecond"/> (refill rate) and
/// <see cref="GatewayOptions.MessageBurst"/> (capacity, full at the start). The bucket refills from the clock on each
/// attempt, so an idle or busy connection costs no timer (a timer per connection fired thousands of times a second
/// across a loaded gateway).
/// </summary>
internal sealed class ConnectionRateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _tokensPerTick;
    private readonly double _capacity;
    private double _tokens;
    private long _last;

    public ConnectionRateLimiter(GatewayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _tokensPerTick = options.MessagesPerSecond / (double)time.TimestampFrequency;
        _capacity = options.MessageBurst;
        _tokens = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one message's token; false when the connection is over its rate.</summary>
    public bool TryAcquire()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + ((now - _last) * _tokensPerTick));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
