using System.Text.Json;

namespace RealtimeGrains.Protocol.Serialization;

/// <summary>Thrown by converters for a well-typed but unacceptable value; reported as <c>invalid_value</c>.</summary>
internal sealed class InvalidValueJsonException : JsonException
{
    public InvalidValueJsonException(string message)
        : base(message)
    {
    }

    public InvalidValueJsonException()
    {
    }

    public InvalidValueJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
