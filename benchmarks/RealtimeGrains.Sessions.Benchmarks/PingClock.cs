using System.Diagnostics;

namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>Shared bookkeeping of a driver: when the ping left, whether a response streams, the latency samples.</summary>
internal sealed class PingClock(LatencyRecorder latency)
{
    private long _sentAt;
    private int _active;

    public bool ResponseActive => Volatile.Read(ref _active) == 1;

    public void Sent()
    {
        Volatile.Write(ref _active, 1);
        Interlocked.Exchange(ref _sentAt, Stopwatch.GetTimestamp());
    }

    public void FirstAudio()
    {
        var sent = Interlocked.Exchange(ref _sentAt, 0);
        if (sent != 0)
        {
            latency.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }

    public void Done() => Volatile.Write(ref _active, 0);
}
