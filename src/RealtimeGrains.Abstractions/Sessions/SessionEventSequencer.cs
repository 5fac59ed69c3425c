namespace RealtimeGrains.Sessions;

/// <summary>
/// Puts the <see cref="SessionEvent"/>s of one observer back in <see cref="SessionEvent.Sequence"/> order: a message that
/// arrives early waits until the ones before it have arrived. Thread-safe. If a gap stays open while more than
/// <c>maxHeld</c> later messages wait (a message was lost with a broken connection), the gap is skipped.
/// </summary>
/// <param name="maxHeld">Most early messages held back before a gap is given up. Default 1,024.</param>
public sealed class SessionEventSequencer(int maxHeld = 1024)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, SessionEvent> _held = [];
    private long _next;

    /// <summary>How many messages were skipped over because the gap before them never closed.</summary>
    public long Skipped { get; private set; }

    /// <summary>Takes one message and returns those now deliverable, in order (empty while a gap is open).</summary>
    /// <param name="message">The message as it arrived.</param>
    /// <returns>The messages to deliver now, in sequence order.</returns>
    public IReadOnlyList<SessionEvent> Accept(SessionEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            if (message.Sequence < _next)
            {
                return [];
            }

            if (message.Sequence == _next && _held.Count == 0)
            {
                _next++;
                return [message];
            }

            _held[message.Sequence] = message;
            if (_held.Count > maxHeld)
            {
                var first = _held.Keys.First();
                Skipped += first - _next;
                _next = first;
            }

            List<SessionEvent> ready = [];
            while (_held.Remove(_next, out var next))
            {
                ready.Add(next);
                _next++;
            }

            return ready;
        }
    }
}
