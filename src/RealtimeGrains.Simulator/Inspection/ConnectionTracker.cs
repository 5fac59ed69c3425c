namespace RealtimeGrains.Simulator;

/// <summary>
/// Counts the upstream connections of each product session (<see cref="SimulatorConnectionHeaders.Session"/>): every
/// connection with its silo and open/close times, the number open and the most ever open at once. One lock guards all
/// of it, so the counters and the history always agree.
/// </summary>
internal sealed class ConnectionTracker(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SessionConnectionLog> _sessions = new(StringComparer.Ordinal);
    private readonly List<SessionConnectionLog> _order = [];
    private readonly List<ConnectionWaiter> _waiters = [];
    private int _maxConcurrent;

    public int MaxConcurrentPerSession { get { lock (_lock) { return _maxConcurrent; } } }

    /// <summary>Counts a connection as open; null (nothing tracked) when the connect named no session.</summary>
    public TrackedConnection? Open(string? session, string? silo, string simulatorSessionId)
    {
        if (string.IsNullOrEmpty(session))
        {
            return null;
        }

        TrackedConnection connection;
        List<(TaskCompletionSource<SimulatorConnectionStats>, SimulatorConnectionStats)>? fire;
        lock (_lock)
        {
            if (!_sessions.TryGetValue(session, out var log))
            {
                log = new SessionConnectionLog(session);
                _sessions.Add(session, log);
                _order.Add(log);
            }

            connection = new TrackedConnection(log, silo, simulatorSessionId, time.GetUtcNow());
            log.Connections.Add(connection);
            log.Open++;
            log.MaxConcurrent = Math.Max(log.MaxConcurrent, log.Open);
            _maxConcurrent = Math.Max(_maxConcurrent, log.MaxConcurrent);
            fire = CollectWaiters(log);
        }

        Fire(fire);
        return connection;
    }

    /// <summary>Counts a connection as closed; a second call for the same connection changes nothing.</summary>
    public void Close(TrackedConnection? connection, bool keepAliveTimedOut)
    {
        if (connection is null)
        {
            return;
        }

        List<(TaskCompletionSource<SimulatorConnectionStats>, SimulatorConnectionStats)>? fire;
        lock (_lock)
        {
            if (connection.ClosedAt is not null)
            {
                return;
            }

            connection.ClosedAt = time.GetUtcNow();
            connection.KeepAliveTimedOut = keepAliveTimedOut;
            connection.Log.Open--;
            fire = CollectWaiters(connection.Log);
        }

        Fire(fire);
    }

    public SimulatorConnectionStats? Get(string session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            return _sessions.TryGetValue(session, out var log) ? log.Snapshot() : null;
        }
    }

    /// <summary>Every tracked session, in the order of its first connection.</summary>
    public IReadOnlyList<SimulatorConnectionStats> All()
    {
        lock (_lock)
        {
            return _order.ConvertAll(log => log.Snapshot());
        }
    }

    public Task<SimulatorConnectionStats> WaitAsync(string session, Func<SimulatorConnectionStats, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new ConnectionWaiter(session, predicate);
        lock (_lock)
        {
            if (_sessions.TryGetValue(session, out var log) && log.Snapshot() is var stats && predicate(stats))
            {
                return Task.FromResult(stats);
            }

            _waiters.Add(waiter);
        }

        return WaitCoreAsync(waiter, cancellationToken);
    }

    private async Task<SimulatorConnectionStats> WaitCoreAsync(ConnectionWaiter waiter, CancellationToken cancellationToken)
    {
        try
        {
            return await waiter.Signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            throw;
        }
    }

    private List<(TaskCompletionSource<SimulatorConnectionStats>, SimulatorConnectionStats)>? CollectWaiters(SessionConnectionLog log)
    {
        List<(TaskCompletionSource<SimulatorConnectionStats>, SimulatorConnectionStats)>? fire = null;
        SimulatorConnectionStats? stats = null;
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            if (!string.Equals(waiter.Session, log.Session, StringComparison.Ordinal))
            {
                continue;
            }

            stats ??= log.Snapshot();
            bool matched;
            try
            {
                matched = waiter.Match(stats);
            }
#pragma warning disable CA1031 // A failing test predicate fails its own wait, never the connection that changed the counts.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                waiter.Signal.TrySetException(ex);
                _waiters.RemoveAt(i);
                continue;
            }

            if (matched)
            {
                (fire ??= []).Add((waiter.Signal, stats));
                _waiters.RemoveAt(i);
            }
        }

        return fire;
    }

    private static void Fire(List<(TaskCompletionSource<SimulatorConnectionStats> Signal, SimulatorConnectionStats Stats)>? fire) =>
        fire?.ForEach(f => f.Signal.TrySetResult(f.Stats));
}
