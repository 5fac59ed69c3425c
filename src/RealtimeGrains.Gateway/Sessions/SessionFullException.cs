namespace RealtimeGrains.Gateway;

/// <summary>The session already has <see cref="GatewayOptions.MaxClientsPerSession"/> clients attached.</summary>
public sealed class SessionFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionFullException()
        : this("The session already has the most clients attached that it allows.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public SessionFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SessionFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
