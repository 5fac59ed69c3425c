namespace RealtimeGrains.OrleansBenchmarks.Grains;

/// <summary>No state of its own: what an idle activation costs is Orleans'.</summary>
public sealed class BenchGrain : Grain, IBenchGrain
{
    public Task PingAsync() => Task.CompletedTask;

    public Task PushAudioAsync(byte[] chunk) => Task.CompletedTask;

    public Task PushImmutableAudioAsync(byte[] chunk) => Task.CompletedTask;

    public Task ScribbleAsync(byte[] chunk)
    {
        chunk[0] = 0xFF;
        return Task.CompletedTask;
    }

    public Task ScribbleImmutableAsync(byte[] chunk)
    {
        chunk[0] = 0xFF;
        return Task.CompletedTask;
    }
}
