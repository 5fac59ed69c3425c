namespace RealtimeGrains.Runtime.Tests.Grains;

public interface ITurnGrain : IGrainWithStringKey
{
    Task EnterAsync(int yields);

    Task AppendAsync(int value);

    Task<int[]> GetLogAsync();

    [AlwaysInterleave]
    Task<int[]> PeekLogAsync();

    Task<int> GetOverlapsAsync();

    Task BlockAsync();

    Task ReleaseAsync();

    [AlwaysInterleave]
    Task ReleaseInterleavedAsync();

    Task<int> WaitForeverAsync();

    [ResponseTimeout("00:00:02")]
    Task<int> WaitForeverBrieflyAsync();

    Task WaitForCancellationAsync(CancellationToken cancellationToken);

    Task StartExternalLoopAsync(int count);

    Task StartTimerAsync(TimeSpan period, bool interleave);
}
