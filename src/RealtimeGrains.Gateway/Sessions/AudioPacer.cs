namespace RealtimeGrains.Gateway;

/// <summary>
/// Paces one connection's input audio: a bucket of PCM16 24 kHz bytes that fills at <see cref="GatewayOptions.MaxAudioSpeed"/>
/// times real time up to <see cref="GatewayOptions.AudioBurst"/>. Audio beyond it waits for its turn before the
/// connection's next message is read, so a client streaming faster than real time is slowed down by back-pressure
/// instead of growing a queue. (G.711 carries a sixth of the bytes per second, so it may run six times faster.)
/// </summary>
internal sealed class AudioPacer
{
    /// <summary>PCM16 mono at 24 kHz.</summary>
    private const double BytesPerSecond = 48_000;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _bytesPerTick;
    private readonly double _capacity;
    private double _bytes;
    private long _last;

    public AudioPacer(GatewayOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _bytesPerTick = options.MaxAudioSpeed * BytesPerSecond / time.TimestampFrequency;
        _capacity = options.AudioBurst.TotalSeconds * BytesPerSecond;
        _bytes = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes <paramref name="audioBytes"/> from the bucket, waiting until they are due when it holds too few.</summary>
    /// <param name="audioBytes">Decoded audio bytes about to be forwarded.</param>
    /// <param name="cancellationToken">Ends the wait (the connection closed).</param>
    /// <returns>Completes when the audio may go.</returns>
    public ValueTask WaitAsync(int audioBytes, CancellationToken cancellationToken)
    {
        double debt;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _bytes = Math.Min(_capacity, _bytes + ((now - _last) * _bytesPerTick));
            _last = now;
            _bytes -= audioBytes;
            debt = -_bytes;
        }

        if (debt <= 0)
        {
            return ValueTask.CompletedTask;
        }

        // In debt: wait until the bucket is back at zero (the debt is paid by the refill during the wait).
        var wait = TimeSpan.FromSeconds(debt / (_bytesPerTick * _time.TimestampFrequency));
        return new ValueTask(Task.Delay(wait, _time, cancellationToken));
    }
}
