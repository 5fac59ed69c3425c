using System.Collections.Concurrent;

namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>Per-key signals grains raise and tests await (grain instances come and go; keys are unique per test).</summary>
public static class Signals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> s_signals = new();
    private static readonly ConcurrentDictionary<string, int> s_counters = new();

    public static TaskCompletionSource<object?> Get(string name) =>
        s_signals.GetOrAdd(name, _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Raise(string name, object? value = null) => Get(name).TrySetResult(value);

    public static async Task<T> WaitAsync<T>(string name) => (T)(await Get(name).Task)!;

    public static int Increment(string name) => s_counters.AddOrUpdate(name, 1, (_, n) => n + 1);

    public static int Count(string name) => s_counters.GetValueOrDefault(name);
}
