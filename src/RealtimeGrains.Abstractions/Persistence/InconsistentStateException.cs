namespace RealtimeGrains;

/// <summary>A state write or clear carried a stale ETag; the stored record was not changed.</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
