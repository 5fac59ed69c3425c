namespace RealtimeGrains.Sessions.Upstream;

/// <summary>An HTTP request of the WebRTC flow (create a call, mint a key, hang up) failed at the upstream service.</summary>
public sealed class UpstreamCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpstreamCallException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UpstreamCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UpstreamCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message (safe to show a client: it names no credential).</param>
    /// <param name="statusCode">The upstream's HTTP status (0 when it never answered).</param>
    /// <param name="code">The upstream's error code, if it gave one.</param>
    /// <param name="innerException">The cause.</param>
    public UpstreamCallException(string message, int statusCode, string? code, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The upstream's HTTP status (0 when it never answered: a refused connect or a timeout).</summary>
    public int StatusCode { get; }

    /// <summary>The upstream's error code, if it gave one.</summary>
    public string? Code { get; }
}
