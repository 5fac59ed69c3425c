namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>The socket closed or broke while something was still awaited on it.</summary>
internal sealed class ConnectionLostException : Exception
{
    public ConnectionLostException()
    {
    }

    public ConnectionLostException(string message)
        : base(message)
    {
    }

    public ConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
