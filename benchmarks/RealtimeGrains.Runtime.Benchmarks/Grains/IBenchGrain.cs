namespace RealtimeGrains.Runtime.Benchmarks.Grains;

public interface IBenchGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task<int> PushAudioAsync(byte[] chunk);
}
