using System.Text.Json.Nodes;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Infrastructure;

/// <summary>A client of a session grain (what a gateway connection is): records every message in sequence order.</summary>
public sealed class RecordingObserver : IRealtimeSessionObserver
{
    private readonly Lock _lock = new();
    private readonly List<SessionEvent> _events = [];
    private readonly SessionEventSequencer _sequencer = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The types of the forwarded server events, in order.</summary>
    public List<string> ServerEventTypes => [.. Events.Where(e => e.Kind == SessionEventKind.ServerEvent).Select(e => e.Type)];

    public Task OnSessionEventAsync(SessionEvent message)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.AddRange(_sequencer.Accept(message));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> messages match and returns the last of them.</summary>
    public Task<SessionEvent> WaitForAsync(Func<SessionEvent, bool> match, string what, int count = 1, TimeSpan? timeout = null) =>
        WaitCoreAsync(match, count).Within(what, timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>Waits for the <paramref name="count"/>-th server event of <paramref name="type"/>.</summary>
    public Task<SessionEvent> WaitForEventAsync(string type, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(e => e.Kind == SessionEventKind.ServerEvent && e.Type == type, $"server event {type} #{count}", count, timeout);

    /// <summary>Waits for the <paramref name="count"/>-th status of <paramref name="type"/>.</summary>
    public Task<SessionEvent> WaitForStatusAsync(string type, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(e => e.Kind == SessionEventKind.Status && e.Type == type, $"status {type} #{count}", count, timeout);

    public static JsonNode Json(SessionEvent e) => JsonNode.Parse(e.Json!)!;

    private async Task<SessionEvent> WaitCoreAsync(Func<SessionEvent, bool> match, int count)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var found = _events.Where(match).Skip(count - 1).FirstOrDefault();
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed;
        }
    }
}
