namespace RealtimeGrains.Runtime.Tests.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task HoldAsync();

    Task ReleaseHoldAsync();

    Task DelayDeactivationAsync(TimeSpan delay);

    Task StartTimerAsync(TimeSpan period, bool keepAlive);

    Task<int> GetTicksAsync();
}
