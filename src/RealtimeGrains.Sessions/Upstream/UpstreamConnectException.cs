namespace RealtimeGrains.Sessions.Upstream;

/// <summary>A connect to the upstream service failed.</summary>
public sealed class UpstreamConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpstreamConnectException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UpstreamConnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UpstreamConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status of the refused handshake (0 when none).</param>
    /// <param name="innerException">The cause.</param>
    public UpstreamConnectException(string message, int statusCode, Exception? innerException)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status of the refused handshake (0 when there was none, for example a refused TCP connect).</summary>
    public int StatusCode { get; }

    /// <summary>How long the service asked the caller to wait before trying again (its <c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether trying again later can help (429, 5xx, network errors); 400/401/403/404 are not transient.</summary>
    public bool IsTransient => StatusCode is 0 or 408 or 429 or >= 500;
}
