namespace RealtimeGrains.Gateway;

/// <summary>Thrown by a connector when a client cannot attach (session ended, full, upstream unreachable). The message is client-safe.</summary>
public sealed class SessionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionUnavailableException()
    {
    }

    /// <summary>Creates the exception with a client-safe message.</summary>
    /// <param name="message">The message.</param>
    public SessionUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a client-safe message and the inner cause (not shown to clients).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SessionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
