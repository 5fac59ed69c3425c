namespace RealtimeGrains.Simulator;

/// <summary>Registry of session records and the shared faults.</summary>
internal sealed class SimulatorInspector : ISimulatorInspector
{
    private readonly Lock _lock = new();
    private readonly List<SimulatorSessionRecord> _sessions = [];
    private readonly List<(Func<SimulatorSessionRecord, bool> Match, TaskCompletionSource<SimulatorSessionRecord> Signal)> _waiters = [];
    private int _active;

    public IReadOnlyList<SimulatorSessionRecord> Sessions { get { lock (_lock) { return [.. _sessions]; } } }

    public int ActiveSessionCount => Volatile.Read(ref _active);

    public SimulatorFaults Faults { get; } = new();

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

    internal void SessionClosed() => Interlocked.Decrement(ref _active);
}
