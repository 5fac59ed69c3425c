namespace RealtimeGrains.Runtime.Messaging;

/// <summary>A remote grain call failed with an exception whose type could not be recreated here.</summary>
public sealed class GrainCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainCallException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public GrainCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a remote exception type.</summary>
    /// <param name="remoteTypeName">The remote exception type.</param>
    /// <param name="message">The remote message.</param>
    public GrainCallException(string remoteTypeName, string message)
        : base(message) => RemoteTypeName = remoteTypeName;

    /// <summary>The type name of the remote exception.</summary>
    public string? RemoteTypeName { get; }
}
