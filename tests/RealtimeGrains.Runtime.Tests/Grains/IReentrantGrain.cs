namespace RealtimeGrains.Runtime.Tests.Grains;

public interface IReentrantGrain : IGrainWithStringKey
{
    Task BlockAsync();

    Task ReleaseAsync();

    Task EnterAsync(int yields);

    Task<int> GetOverlapsAsync();

    Task<int> GetMaxInterleavedAsync();
}
