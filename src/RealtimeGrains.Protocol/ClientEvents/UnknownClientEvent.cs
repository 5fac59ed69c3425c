namespace RealtimeGrains.Protocol;

/// <summary>
/// A client event whose type this library does not know. Keeps the frame's bytes and is written back
/// unchanged in any dialect, so new events pass through a relay untouched. A strict server answers it with
/// <see cref="ProtocolErrors.UnknownEventType"/>.
/// </summary>
public sealed class UnknownClientEvent : ClientEvent
{
    /// <summary>Creates the event from a raw JSON frame.</summary>
    /// <param name="wireType">The <c>type</c> received.</param>
    /// <param name="rawJson">The whole frame (UTF-8 JSON object).</param>
    public UnknownClientEvent(string wireType, ReadOnlyMemory<byte> rawJson)
    {
        WireType = wireType;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => WireType;

    /// <summary>The <c>type</c> received.</summary>
    public string WireType { get; }

    /// <summary>The whole frame, written back verbatim.</summary>
    public ReadOnlyMemory<byte> RawJson { get; }
}
