using System.Collections.Concurrent;

namespace RealtimeGrains.LoadGen;

/// <summary>Errors of a group of sessions (those of one target), counted by code; safe to add to from any thread.</summary>
internal sealed class ErrorTally
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public ConcurrentDictionary<string, long> Codes { get; } = new(StringComparer.Ordinal);

    public void Add(string code)
    {
        Interlocked.Increment(ref _count);
        Codes.AddOrUpdate(code, 1, static (_, n) => n + 1);
    }

    /// <summary>The most frequent codes, e.g. <c>connect_failed×3, no_reply×1</c>.</summary>
    public string Describe(int top = 4) =>
        string.Join(", ", Codes.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(top).Select(e => $"{e.Key}×{e.Value}"));
}
