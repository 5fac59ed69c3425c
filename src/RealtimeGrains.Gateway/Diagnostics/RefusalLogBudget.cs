using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Gateway;

/// <summary>
/// A client's bad input is that client's problem, not the operator's: refusals are logged below warning level, at most
/// <see cref="PerWindow"/> entries per client (a connection, or a remote address before there is one) per
/// <see cref="Window"/>, then one line saying the rest of that minute is left out.
/// </summary>
internal sealed class RefusalLogBudget(TimeProvider time, ILogger<RefusalLogBudget> logger)
{
    /// <summary>Refusal entries a client may cause per window.</summary>
    public const int PerWindow = 10;

    /// <summary>Entries kept before expired ones are pruned (bounds memory when clients never say goodbye).</summary>
    private const int PruneAbove = 10_000;

    /// <summary>The budget's window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Budget> _clients = new(StringComparer.Ordinal);

    /// <summary>Whether one more refusal of <paramref name="client"/> may be logged now.</summary>
    /// <param name="client">A connection id or <c>ip:ADDRESS</c>.</param>
    /// <returns>True to log it.</returns>
    public bool TryTake(string client)
    {
        var now = time.GetUtcNow();
        if (_clients.Count > PruneAbove)
        {
            foreach (var (key, stale) in _clients)
            {
                if (now - stale.Started >= Window)
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }

        var budget = _clients.GetOrAdd(client, static (_, at) => new Budget(at), now);
        int count;
        lock (budget)
        {
            if (now - budget.Started >= Window)
            {
                budget.Started = now;
                budget.Count = 0;
            }

            count = ++budget.Count;
        }

        if (count == PerWindow + 1)
        {
            GatewayLog.RefusalsSuppressed(logger, client, PerWindow, (int)Window.TotalSeconds);
        }

        return count <= PerWindow;
    }

    /// <summary>Drops a client that has gone.</summary>
    /// <param name="client">Its key.</param>
    public void Forget(string client) => _clients.TryRemove(client, out _);

    /// <summary>At most <paramref name="max"/> characters of client-supplied text, for a log line.</summary>
    /// <param name="text">What the client sent, or a message quoting it.</param>
    /// <param name="max">The limit.</param>
    /// <returns>The prefix, marked when cut.</returns>
    public static string Prefix(string? text, int max = 120) =>
        text is null ? string.Empty : text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "… (", text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), " chars)");

    private sealed class Budget(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; set; } = started;

        public int Count { get; set; }
    }
}
