namespace RealtimeGrains.Sessions.Leases;

/// <summary>A session's previous owner still holds its lease after <see cref="Hosting.SessionLeaseOptions.TakeoverTimeout"/>: this activation does not take the session.</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Leases.SessionLeaseHeldException")]
public sealed class SessionLeaseHeldException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionLeaseHeldException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is held, by whom.</param>
    public SessionLeaseHeldException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is held, by whom.</param>
    /// <param name="innerException">The cause.</param>
    public SessionLeaseHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
