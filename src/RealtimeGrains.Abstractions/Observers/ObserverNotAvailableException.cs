namespace RealtimeGrains;

/// <summary>A call went to an observer reference that was deleted (its connection is gone).</summary>
public sealed class ObserverNotAvailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ObserverNotAvailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ObserverNotAvailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ObserverNotAvailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
