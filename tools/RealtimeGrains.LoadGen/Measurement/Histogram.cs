namespace RealtimeGrains.LoadGen;

/// <summary>Lock-free histogram of milliseconds in 0.5 ms buckets up to 30 s (larger values land in the last bucket).</summary>
internal sealed class Histogram
{
    private const double BucketMs = 0.5;
    private readonly long[] _buckets = new long[60_001];
    private long _count;
    private long _maxMicroseconds;

    /// <summary>Number of recorded values.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Largest recorded value in milliseconds.</summary>
    public double Max => Interlocked.Read(ref _maxMicroseconds) / 1000.0;

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds))
        {
            return;
        }

        var value = Math.Max(0, milliseconds);
        var bucket = (int)Math.Min(value / BucketMs, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        var micros = (long)(value * 1000);
        var max = Interlocked.Read(ref _maxMicroseconds);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicroseconds, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The value below which <paramref name="fraction"/> of the values lie (upper edge of the bucket), 0 when empty.</summary>
    public double Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var target = Math.Max(1, (long)Math.Ceiling(total * fraction));
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target)
            {
                // The last bucket holds everything beyond the range: its true edge is the maximum.
                return i == _buckets.Length - 1 ? Max : Math.Min((i + 1) * BucketMs, Max);
            }
        }

        return Max;
    }

    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _maxMicroseconds, 0);
    }
}
