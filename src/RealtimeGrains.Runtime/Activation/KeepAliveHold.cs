namespace RealtimeGrains.Runtime.Activation;

/// <summary>The handle of <see cref="IGrainContext.HoldKeepAlive"/>; releases its hold once.</summary>
internal sealed class KeepAliveHold(ActivationData activation) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            activation.ReleaseKeepAlive();
        }
    }
}
