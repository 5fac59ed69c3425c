namespace RealtimeGrains.Simulator;

/// <summary>
/// Fault injection for tests, shared by every session of one simulator. Counters are consumed by the
/// sessions that hit them, so a test arms a fault and then drives the client into it. <see cref="Rates"/> adds faults drawn
/// at random (chaos runs); <see cref="Injected"/> counts both kinds.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _randomLock = new();
    private Random _random = new();
    private SimulatorFaultRates _rates = new();
    private long _refusals;
    private long _drops;
    private long _stalls;
    private long _earlyExpiries;
    private long _slowReads;
    private int _refuseConnects;
    private int _dropAfterAudioDeltas = -1;
    private long _firstAudioDelayTicks;
    private TaskCompletionSource? _stall;
    private long _maxSessionDurationTicks;
    private long _stallNextTicks;

    /// <summary>Refuses the next <paramref name="count"/> WebSocket connects with HTTP 429, like a rate-limited service.</summary>
    /// <param name="count">Number of connects to refuse.</param>
    public void RefuseConnects(int count) => Volatile.Write(ref _refuseConnects, Math.Max(0, count));

    /// <summary>Aborts the socket (no close frame) of the next response after it sent <paramref name="audioDeltas"/> audio deltas.</summary>
    /// <param name="audioDeltas">Audio deltas to send before the drop; 0 drops right after <c>response.created</c>.</param>
    public void DropSocketMidResponse(int audioDeltas = 1) => Volatile.Write(ref _dropAfterAudioDeltas, Math.Max(0, audioDeltas));

    /// <summary>Delays the first audio delta of every response by <paramref name="delay"/> (<see cref="TimeSpan.Zero"/> to stop).</summary>
    /// <param name="delay">Extra delay before the first audio.</param>
    public void DelayFirstAudio(TimeSpan delay) => Interlocked.Exchange(ref _firstAudioDelayTicks, Math.Max(0, delay.Ticks));

    /// <summary>Holds the output of the next response (with audio) for <paramref name="duration"/> after its first audio delta (its socket stays open).</summary>
    /// <param name="duration">How long the output is held.</param>
    public void StallNextResponse(TimeSpan duration) => Interlocked.Exchange(ref _stallNextTicks, Math.Max(0, duration.Ticks));

    /// <summary>Stops all server output (the sockets stay open) until <see cref="ReleaseStall"/>.</summary>
    public void Stall() => Interlocked.CompareExchange(ref _stall, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Resumes output held by <see cref="Stall"/>.</summary>
    public void ReleaseStall() => Interlocked.Exchange(ref _stall, null)?.TrySetResult();

    /// <summary>Overrides the maximum duration of sessions opened from now on (<see cref="TimeSpan.Zero"/> restores the option).</summary>
    /// <param name="duration">The lifetime of new sessions.</param>
    public void SetMaxSessionDuration(TimeSpan duration) => Interlocked.Exchange(ref _maxSessionDurationTicks, Math.Max(0, duration.Ticks));

    /// <summary>
    /// The rates of random faults (none by default). Set it before the traffic starts; the random draws restart from
    /// <see cref="SimulatorFaultRates.Seed"/>. The simulator's hosting sets it from <c>RealtimeSimulator:FaultRates</c>.
    /// </summary>
    public SimulatorFaultRates Rates
    {
        get => Volatile.Read(ref _rates);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_randomLock)
            {
                _random = value.Seed is { } seed ? new Random(seed) : new Random();
                Volatile.Write(ref _rates, value);
            }
        }
    }

    /// <summary>The faults injected so far, by kind.</summary>
    public SimulatorFaultCounts Injected => new(
        Interlocked.Read(ref _refusals),
        Interlocked.Read(ref _drops),
        Interlocked.Read(ref _stalls),
        Interlocked.Read(ref _earlyExpiries),
        Interlocked.Read(ref _slowReads));

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        Rates = new SimulatorFaultRates();
        RefuseConnects(0);
        Volatile.Write(ref _dropAfterAudioDeltas, -1);
        Interlocked.Exchange(ref _stallNextTicks, 0);
        DelayFirstAudio(TimeSpan.Zero);
        SetMaxSessionDuration(TimeSpan.Zero);
        ReleaseStall();
    }

    /// <summary>Whether this connect is refused with 429 (an armed refusal or one drawn at <see cref="SimulatorFaultRates.ConnectRefusal"/>).</summary>
    internal bool TryConsumeRefusal()
    {
        while (true)
        {
            var current = Volatile.Read(ref _refuseConnects);
            if (current <= 0)
            {
                return Count(Draw(Rates.ConnectRefusal), ref _refusals);
            }

            if (Interlocked.CompareExchange(ref _refuseConnects, current - 1, current) == current)
            {
                return Count(true, ref _refusals);
            }
        }
    }

    /// <summary>The <c>Retry-After</c> of a refused connect, in whole seconds.</summary>
    internal int RefusalRetryAfterSeconds => (int)Math.Ceiling(Rates.RefusalRetryAfter.TotalSeconds);

    /// <summary>Takes the armed drop, or draws one: returns the number of audio deltas to send first, or -1.</summary>
    internal int TakeDrop()
    {
        var armed = Interlocked.Exchange(ref _dropAfterAudioDeltas, -1);
        if (armed >= 0)
        {
            return armed;
        }

        var rates = Rates;
        return Draw(rates.DropMidResponse) ? 1 + Next(rates.DropAfterMaxAudioDeltas) : -1;
    }

    /// <summary>Counts a drop taken with <see cref="TakeDrop"/> when the socket is actually aborted (a short response may end first).</summary>
    internal void CountDrop() => Interlocked.Increment(ref _drops);

    /// <summary>How long to hold this response's session output after its first audio (armed, or drawn at <see cref="SimulatorFaultRates.Stall"/>), or null.</summary>
    internal TimeSpan? DrawStall()
    {
        var armed = Interlocked.Exchange(ref _stallNextTicks, 0);
        if (armed > 0)
        {
            return TimeSpan.FromTicks(armed);
        }

        return Draw(Rates.Stall) ? Rates.StallDuration : null;
    }

    /// <summary>Counts a stall taken with <see cref="DrawStall"/> when it is applied (a response without audio has none).</summary>
    internal void CountStall() => Interlocked.Increment(ref _stalls);

    /// <summary>When a new session expires early (drawn at <see cref="SimulatorFaultRates.EarlyExpiry"/>), or null.</summary>
    internal TimeSpan? DrawEarlyExpiry()
    {
        var rates = Rates;
        if (!Count(Draw(rates.EarlyExpiry), ref _earlyExpiries))
        {
            return null;
        }

        var span = Math.Max(0, (rates.EarlyExpiryMax - rates.EarlyExpiryMin).Ticks);
        double fraction;
        lock (_randomLock)
        {
            fraction = _random.NextDouble();
        }

        return rates.EarlyExpiryMin + TimeSpan.FromTicks((long)(span * fraction));
    }

    /// <summary>The wait before each client frame of a new session (drawn at <see cref="SimulatorFaultRates.SlowRead"/>), or zero.</summary>
    internal TimeSpan DrawSlowRead() => Count(Draw(Rates.SlowRead), ref _slowReads) ? Rates.SlowReadDelay : TimeSpan.Zero;

    private bool Draw(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_randomLock)
        {
            return _random.NextDouble() < probability;
        }
    }

    private int Next(int maxExclusive)
    {
        lock (_randomLock)
        {
            return _random.Next(Math.Max(1, maxExclusive));
        }
    }

    private static bool Count(bool injected, ref long counter)
    {
        if (injected)
        {
            Interlocked.Increment(ref counter);
        }

        return injected;
    }

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
