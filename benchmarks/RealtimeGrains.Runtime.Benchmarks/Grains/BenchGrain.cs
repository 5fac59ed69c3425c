namespace RealtimeGrains.Runtime.Benchmarks.Grains;

/// <summary>No user state beyond the base class: what an idle activation costs is the runtime's.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task PingAsync() => Task.CompletedTask;

    public Task<int> PushAudioAsync(byte[] chunk) => Task.FromResult(chunk.Length);
}
