namespace RealtimeGrains.Sessions.Upstream;

/// <summary>
/// The circuit of the silo's upstream (one per silo, as the silo has one upstream service): after
/// <see cref="RealtimeUpstreamOptions.CircuitFailureThreshold"/> transient connect failures in a row, across all sessions,
/// it opens for <see cref="RealtimeUpstreamOptions.CircuitOpenDuration"/> (or the service's longer <c>Retry-After</c>):
/// connects wait instead of adding load to a service that is refusing. When it ends, connects go again; the first success
/// closes the circuit, the next failure opens it again at once.
/// </summary>
internal sealed class UpstreamCircuit(RealtimeUpstreamOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private long _opened;

    /// <summary>How many times the circuit opened.</summary>
    public long TimesOpened => Interlocked.Read(ref _opened);

    /// <summary>How long a connect must still wait (zero when the circuit is closed).</summary>
    public TimeSpan RemainingOpen
    {
        get
        {
            lock (_lock)
            {
                var left = _openUntil - time.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>A connect succeeded: the upstream is serving.</summary>
    public void RecordSuccess()
    {
        lock (_lock)
        {
            _consecutiveFailures = 0;
        }
    }

    /// <summary>A connect failed transiently; returns whether this failure opened the circuit.</summary>
    /// <param name="retryAfter">The service's <c>Retry-After</c>, if it sent one.</param>
    public bool RecordTransientFailure(TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            _consecutiveFailures++;
            var now = time.GetUtcNow();
            if (_consecutiveFailures < options.CircuitFailureThreshold || _openUntil > now)
            {
                return false;
            }

            var open = retryAfter is { } asked && asked > options.CircuitOpenDuration
                ? TimeSpan.FromTicks(Math.Min(asked.Ticks, UpstreamBackoff.MaxRetryAfter.Ticks))
                : options.CircuitOpenDuration;
            _openUntil = now + open;
            Interlocked.Increment(ref _opened);
            return true;
        }
    }

    /// <summary>Waits while the circuit is open, plus up to a tenth of a second of jitter so waiting connects spread out.</summary>
    public async Task WaitWhileOpenAsync(CancellationToken cancellationToken = default)
    {
        for (var wait = RemainingOpen; wait > TimeSpan.Zero; wait = RemainingOpen)
        {
            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(100)), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
