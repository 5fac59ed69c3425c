namespace RealtimeGrains.Host.E2E.Tests.Telemetry;

/// <summary>
/// The protobuf wire format, enough to read OTLP: a message is a sequence of (field number, wire type, value); nested
/// messages, strings and bytes are length-delimited. No schema: the OTLP field numbers live in <see cref="OtlpDecoder"/>.
/// </summary>
internal static class ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case Varint:
                    fields.Add(new ProtoField(number, wireType, ReadVarint(span, ref position), default));
                    break;
                case Fixed64:
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt64(span.Slice(Take(span, ref position, 8), 8)), default));
                    break;
                case LengthDelimited:
                    var length = checked((int)ReadVarint(span, ref position));
                    var start = Take(span, ref position, length);
                    fields.Add(new ProtoField(number, wireType, 0, message.Slice(start, length)));
                    break;
                case Fixed32:
                    fields.Add(new ProtoField(number, wireType, BitConverter.ToUInt32(span.Slice(Take(span, ref position, 4), 4)), default));
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {wireType} (field {number}) at byte {position}.");
            }
        }

        return fields;
    }

    private static int Take(ReadOnlySpan<byte> span, ref int position, int count)
    {
        if (count < 0 || position + count > span.Length)
        {
            throw new FormatException($"A protobuf field runs past the end of its message ({count} bytes at {position} of {span.Length}).");
        }

        var start = position;
        position += count;
        return start;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new FormatException("A protobuf varint runs past the end of its message.");
            }

            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A protobuf varint is longer than 10 bytes.");
    }
}

/// <summary>One field of a protobuf message: a number and a varint/fixed value, or the bytes of a length-delimited one.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);

    public string Hex => Convert.ToHexStringLower(Bytes.Span);

    public double Double => BitConverter.UInt64BitsToDouble(Value);
}
