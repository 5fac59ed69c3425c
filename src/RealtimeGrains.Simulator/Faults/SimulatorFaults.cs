namespace RealtimeGrains.Simulator;

/// <summary>
/// Fault injection for tests, shared by every session of one simulator. Counters are consumed by the
/// sessions that hit them, so a test arms a fault and then drives the client into it.
/// </summary>
public sealed class SimulatorFaults
{
    private int _refuseConnects;
    private int _dropAfterAudioDeltas = -1;
    private long _firstAudioDelayTicks;
    private TaskCompletionSource? _stall;
    private long _maxSessionDurationTicks;

    /// <summary>Refuses the next <paramref name="count"/> WebSocket connects with HTTP 429, like a rate-limited service.</summary>
    /// <param name="count">Number of connects to refuse.</param>
    public void RefuseConnects(int count) => Volatile.Write(ref _refuseConnects, Math.Max(0, count));

    /// <summary>Aborts the socket (no close frame) of the next response after it sent <paramref name="audioDeltas"/> audio deltas.</summary>
    /// <param name="audioDeltas">Audio deltas to send before the drop; 0 drops right after <c>response.created</c>.</param>
    public void DropSocketMidResponse(int audioDeltas = 1) => Volatile.Write(ref _dropAfterAudioDeltas, Math.Max(0, audioDeltas));

    /// <summary>Delays the first audio delta of every response by <paramref name="delay"/> (<see cref="TimeSpan.Zero"/> to stop).</summary>
    /// <param name="delay">Extra delay before the first audio.</param>
    public void DelayFirstAudio(TimeSpan delay) => Interlocked.Exchange(ref _firstAudioDelayTicks, Math.Max(0, delay.Ticks));

    /// <summary>Stops all server output (the sockets stay open) until <see cref="ReleaseStall"/>.</summary>
    public void Stall() => Interlocked.CompareExchange(ref _stall, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Resumes output held by <see cref="Stall"/>.</summary>
    public void ReleaseStall() => Interlocked.Exchange(ref _stall, null)?.TrySetResult();

    /// <summary>Overrides the maximum duration of sessions opened from now on (<see cref="TimeSpan.Zero"/> restores the option).</summary>
    /// <param name="duration">The lifetime of new sessions.</param>
    public void SetMaxSessionDuration(TimeSpan duration) => Interlocked.Exchange(ref _maxSessionDurationTicks, Math.Max(0, duration.Ticks));

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        RefuseConnects(0);
        Volatile.Write(ref _dropAfterAudioDeltas, -1);
        DelayFirstAudio(TimeSpan.Zero);
        SetMaxSessionDuration(TimeSpan.Zero);
        ReleaseStall();
    }

    internal bool TryConsumeRefusal()
    {
        while (true)
        {
            var current = Volatile.Read(ref _refuseConnects);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _refuseConnects, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Takes the armed drop, if any: returns the number of audio deltas to send first, or -1.</summary>
    internal int TakeDrop() => Interlocked.Exchange(ref _dropAfterAudioDeltas, -1);

    internal TimeSpan FirstAudioDelay => TimeSpan.FromTicks(Interlocked.Read(ref _firstAudioDelayTicks));

    internal TimeSpan? MaxSessionDurationOverride
    {
        get
        {
            var ticks = Interlocked.Read(ref _maxSessionDurationTicks);
            return ticks > 0 ? TimeSpan.FromTicks(ticks) : null;
        }
    }

    /// <summary>Completes when output may flow (immediately unless stalled).</summary>
    internal Task WaitUnstalledAsync() => Volatile.Read(ref _stall)?.Task ?? Task.CompletedTask;
}
