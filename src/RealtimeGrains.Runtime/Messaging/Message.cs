using System.Text.Json.Serialization;
using RealtimeGrains.Runtime.Directory;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>
/// A grain call or its response as it travels between silos. Everything but
/// <see cref="CancellationToken"/> is serialized; the body is System.Text.Json.
/// </summary>
public sealed class Message
{
    /// <summary>Request or response.</summary>
    public required MessageKind Kind { get; init; }

    /// <summary>Pairs a response with its request (unique per sending silo).</summary>
    public required long CallId { get; init; }

    /// <summary>The silo that sent the message (responses go back to it).</summary>
    public required SiloAddress Sender { get; init; }

    /// <summary>The grain called (requests).</summary>
    public GrainId Target { get; init; }

    /// <summary>The grain type of the interface called (requests).</summary>
    public string? GrainType { get; init; }

    /// <summary>The method id within the interface (requests).</summary>
    public int MethodId { get; init; }

    /// <summary>Whether the caller waits for no response.</summary>
    public bool OneWay { get; init; }

    /// <summary>Whether the body is an <see cref="ExceptionInfo"/> (responses).</summary>
    public bool IsError { get; init; }

    /// <summary>The serialized arguments (requests) or result (responses).</summary>
#pragma warning disable CA1819 // The wire body is a byte array by nature.
    public byte[] Body { get; init; } = [];
#pragma warning restore CA1819

    /// <summary>The caller's token, carried only by in-process transports; remote silos get cancellation as a separate message.</summary>
    [JsonIgnore]
    public CancellationToken CancellationToken { get; init; }
}
