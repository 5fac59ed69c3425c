namespace RealtimeGrains.Gateway;

/// <summary>The record of unspent tokens cannot be reached right now (the cluster is failing over): answer 503, the caller retries.</summary>
public sealed class TokenLedgerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TokenLedgerUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public TokenLedgerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public TokenLedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
