namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>Lock-free histogram of milliseconds in 5 ms buckets (up to 20 s).</summary>
internal sealed class LatencyHistogram
{
    private const int BucketMs = 5;
    private readonly long[] _buckets = new long[4001];

    public void Record(double milliseconds)
    {
        var bucket = (int)Math.Clamp(milliseconds / BucketMs, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
    }

    public long Count => _buckets.Sum();

    public double Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var target = (long)Math.Ceiling(total * fraction);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target)
            {
                return (i + 1) * BucketMs;
            }
        }

        return _buckets.Length * BucketMs;
    }

    public void Reset() => Array.Clear(_buckets);
}
