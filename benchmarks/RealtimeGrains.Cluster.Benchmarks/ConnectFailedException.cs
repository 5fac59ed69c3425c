namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>The WebSocket handshake failed: refused with an HTTP status (<see cref="StatusCode"/>), or no answer in time.</summary>
internal sealed class ConnectFailedException : Exception
{
    public ConnectFailedException()
    {
    }

    public ConnectFailedException(string message)
        : base(message)
    {
    }

    public ConnectFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectFailedException(int? statusCode, string message, Exception innerException)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status the gateway answered instead of 101, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>A short label for counting failures by kind: <c>http 503</c>, <c>timeout</c>, <c>refused</c>.</summary>
    public string Kind => StatusCode is { } code and > 0 ? $"http {code}" : InnerException is OperationCanceledException ? "timeout" : "no answer";
}
