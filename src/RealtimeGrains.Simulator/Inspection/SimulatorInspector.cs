namespace RealtimeGrains.Simulator;

/// <summary>Registry of session records, per-session upstream connections and the shared faults.</summary>
internal sealed class SimulatorInspector(TimeProvider time) : ISimulatorInspector
{
    private readonly Lock _lock = new();
    private readonly List<SimulatorSessionRecord> _sessions = [];
    private readonly List<(Func<SimulatorSessionRecord, bool> Match, TaskCompletionSource<SimulatorSessionRecord> Signal)> _waiters = [];
    private readonly List<SimulatorCall> _calls = [];
    private readonly List<(Func<SimulatorCall, bool> Match, TaskCompletionSource<SimulatorCall> Signal)> _callWaiters = [];
    private int _active;
    private long _pacedChunks;
    private long _lateChunks;
    private long _maxLatenessMicroseconds;

    public IReadOnlyList<SimulatorSessionRecord> Sessions { get { lock (_lock) { return [.. _sessions]; } } }

    public int ActiveSessionCount => Volatile.Read(ref _active);

    public SimulatorFaults Faults { get; } = new();

    /// <summary>The product sessions' upstream connections, counted by <see cref="SessionHost"/>.</summary>
    internal ConnectionTracker Connections { get; } = new(time);

    public int MaxConcurrentConnectionsPerSession => Connections.MaxConcurrentPerSession;

    public SimulatorConnectionStats? GetConnectionStats(string session) => Connections.Get(session);

    public IReadOnlyDictionary<string, SimulatorConnectionStats> AllConnectionStats() =>
        Connections.All().ToDictionary(s => s.Session, StringComparer.Ordinal);

    public Task<SimulatorConnectionStats> WaitForConnectionStatsAsync(string session, Func<SimulatorConnectionStats, bool> predicate, CancellationToken cancellationToken = default) =>
        Connections.WaitAsync(session, predicate, cancellationToken);

    public Task<SimulatorSessionRecord> WaitForSessionAsync(Func<SimulatorSessionRecord, bool>? predicate = null, CancellationToken cancellationToken = default)
    {
        var match = predicate ?? (_ => true);
        lock (_lock)
        {
            var existing = _sessions.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var signal = new TaskCompletionSource<SimulatorSessionRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    public IReadOnlyList<SimulatorCall> Calls { get { lock (_lock) { return [.. _calls]; } } }

    public Task<SimulatorCall> WaitForCallAsync(Func<SimulatorCall, bool>? predicate = null, CancellationToken cancellationToken = default)
    {
        var match = predicate ?? (_ => true);
        lock (_lock)
        {
            var existing = _calls.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var signal = new TaskCompletionSource<SimulatorCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            _callWaiters.Add((match, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    internal void CallAnswered(SimulatorCall call)
    {
        List<TaskCompletionSource<SimulatorCall>>? fire = null;
        lock (_lock)
        {
            _calls.Add(call);
            for (var i = _callWaiters.Count - 1; i >= 0; i--)
            {
                if (_callWaiters[i].Match(call))
                {
                    (fire ??= []).Add(_callWaiters[i].Signal);
                    _callWaiters.RemoveAt(i);
                }
            }
        }

        fire?.ForEach(s => s.TrySetResult(call));
    }

    internal void SessionOpened(SimulatorSessionRecord? record)
    {
        Interlocked.Increment(ref _active);
        if (record is null)
        {
            return;
        }

        List<TaskCompletionSource<SimulatorSessionRecord>>? fire = null;
        lock (_lock)
        {
            _sessions.Add(record);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(record))
                {
                    (fire ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        fire?.ForEach(s => s.TrySetResult(record));
    }

    public SimulatorPacingStats PacingStats =>
        new(Interlocked.Read(ref _pacedChunks), Interlocked.Read(ref _lateChunks), Interlocked.Read(ref _maxLatenessMicroseconds) / 1000.0);

    public void ResetPacingStats()
    {
        Interlocked.Exchange(ref _pacedChunks, 0);
        Interlocked.Exchange(ref _lateChunks, 0);
        Interlocked.Exchange(ref _maxLatenessMicroseconds, 0);
    }

    internal void RecordPacing(TimeSpan lateness)
    {
        Interlocked.Increment(ref _pacedChunks);
        if (lateness > TimeSpan.FromMilliseconds(100))
        {
            Interlocked.Increment(ref _lateChunks);
        }

        var micros = (long)lateness.TotalMicroseconds;
        var current = Interlocked.Read(ref _maxLatenessMicroseconds);
        while (micros > current)
        {
            var seen = Interlocked.CompareExchange(ref _maxLatenessMicroseconds, micros, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }
    }

    internal void SessionClosed() => Interlocked.Decrement(ref _active);
}
