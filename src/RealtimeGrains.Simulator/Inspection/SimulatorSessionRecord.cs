namespace RealtimeGrains.Simulator;

/// <summary>
/// What one simulator session received and holds, for tests to prove what a client sent upstream:
/// the session configuration history, the conversation items, truncations, deletions and every client event.
/// All members are thread-safe snapshots.
/// </summary>
public sealed class SimulatorSessionRecord
{
    private readonly Lock _lock = new();
    private readonly List<string> _configHistory = [];
    private readonly List<string> _receivedEvents = [];
    private readonly List<SimulatorTruncation> _truncations = [];
    private readonly List<string> _deletedItemIds = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Signal)> _waiters = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<SimulatorItem> _items = [];

    internal SimulatorSessionRecord(string sessionId, string endpoint, bool beta, string model, DateTimeOffset startedAt)
    {
        SessionId = sessionId;
        Endpoint = endpoint;
        Beta = beta;
        Model = model;
        StartedAt = startedAt;
    }

    /// <summary>The session id (<c>sess_…</c>).</summary>
    public string SessionId { get; }

    /// <summary>Which endpoint the client used: <c>azure-preview</c>, <c>azure-ga</c> or <c>openai</c>.</summary>
    public string Endpoint { get; }

    /// <summary>Whether the session speaks the preview/beta protocol (else GA).</summary>
    public bool Beta { get; }

    /// <summary>The deployment or model the client connected to.</summary>
    public string Model { get; }

    /// <summary>When the session started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The effective session object as JSON after creation and after each accepted <c>session.update</c>.</summary>
    public IReadOnlyList<string> ConfigHistory { get { lock (_lock) { return [.. _configHistory]; } } }

    /// <summary>The conversation's items, in order, as of the last change.</summary>
    public IReadOnlyList<SimulatorItem> Items { get { lock (_lock) { return _items; } } }

    /// <summary>Truncations applied, in order.</summary>
    public IReadOnlyList<SimulatorTruncation> Truncations { get { lock (_lock) { return [.. _truncations]; } } }

    /// <summary>Ids of items deleted by the client, in order.</summary>
    public IReadOnlyList<string> DeletedItemIds { get { lock (_lock) { return [.. _deletedItemIds]; } } }

    /// <summary>Every client event received, as raw JSON text (audio appends included), in order.</summary>
    public IReadOnlyList<string> ReceivedEvents { get { lock (_lock) { return [.. _receivedEvents]; } } }

    /// <summary>Completes when the session has ended (socket closed or aborted).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Waits until a client event of <paramref name="type"/> has been received (including earlier ones) and returns its JSON.</summary>
    /// <param name="type">The client event type, e.g. <c>conversation.item.truncate</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The raw JSON of the first such event.</returns>
    public Task<string> WaitForClientEventAsync(string type, CancellationToken cancellationToken = default)
    {
        var needle = $"\"type\":\"{type}\"";
        bool Match(string json) => json.Replace(" ", string.Empty, StringComparison.Ordinal).Contains(needle, StringComparison.Ordinal);
        lock (_lock)
        {
            var existing = _receivedEvents.FirstOrDefault(Match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Match, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    internal void AddReceived(string json)
    {
        List<TaskCompletionSource<string>>? fire = null;
        lock (_lock)
        {
            _receivedEvents.Add(json);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(json))
                {
                    (fire ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        fire?.ForEach(s => s.TrySetResult(json));
    }

    internal void AddConfig(string json)
    {
        lock (_lock)
        {
            _configHistory.Add(json);
        }
    }

    internal void SetItems(IReadOnlyList<SimulatorItem> items)
    {
        lock (_lock)
        {
            _items = items;
        }
    }

    internal void AddTruncation(SimulatorTruncation truncation)
    {
        lock (_lock)
        {
            _truncations.Add(truncation);
        }
    }

    internal void AddDeletion(string itemId)
    {
        lock (_lock)
        {
            _deletedItemIds.Add(itemId);
        }
    }

    internal void MarkClosed() => _closed.TrySetResult();
}
