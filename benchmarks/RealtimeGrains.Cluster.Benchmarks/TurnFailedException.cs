namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>A turn ended without audio: an <c>error</c> event, or a response that finished failed or cancelled.</summary>
internal sealed class TurnFailedException : Exception
{
    public TurnFailedException()
    {
    }

    public TurnFailedException(string message)
        : base(message)
    {
    }

    public TurnFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
