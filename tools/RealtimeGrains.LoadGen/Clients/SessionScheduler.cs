namespace RealtimeGrains.LoadGen;

/// <summary>
/// The one timer that drives every session's sends: each tick it walks the sessions and pumps those whose next frame is
/// due. One loop instead of a timer or <c>Task.Delay</c> per session keeps the client cheap on cores it shares with the
/// servers it measures.
/// </summary>
internal sealed class SessionScheduler : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private VoiceSession[] _sessions = [];

    public SessionScheduler(TimeProvider time, TimeSpan tick)
    {
        _time = time;
        _timer = new PeriodicTimer(tick, time);
        _loop = Task.Run(LoopAsync);
    }

    public int Count => Volatile.Read(ref _sessions).Length;

    public void Add(VoiceSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions, session];
        }
    }

    public void Remove(VoiceSession session)
    {
        lock (_gate)
        {
            _sessions = [.. _sessions.Where(s => s != session)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var now = _time.GetTimestamp();
            foreach (var session in Volatile.Read(ref _sessions))
            {
                if (now >= session.NextDue)
                {
                    session.Pump(now);
                }
            }
        }
    }
}
