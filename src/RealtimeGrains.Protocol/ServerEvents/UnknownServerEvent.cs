namespace RealtimeGrains.Protocol;

/// <summary>
/// A server event whose type this library does not know. Keeps the frame's bytes and is written back
/// unchanged in any dialect, so new events pass through a relay untouched. Clients may ignore it; a relay forwards it.
/// </summary>
public sealed class UnknownServerEvent : ServerEvent
{
    /// <summary>Creates the event from a raw JSON frame.</summary>
    /// <param name="wireType">The <c>type</c> received.</param>
    /// <param name="rawJson">The whole frame (UTF-8 JSON object).</param>
    public UnknownServerEvent(string wireType, ReadOnlyMemory<byte> rawJson)
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
