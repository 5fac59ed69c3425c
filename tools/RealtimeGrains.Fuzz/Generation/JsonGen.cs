using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>
/// FsCheck generators of structured-but-wrong JSON: valid seeds with values of the wrong type, removed, renamed and
/// unknown fields, huge strings, deep nesting, swapped event types, then (sometimes) truncated, bit-flipped or glued
/// to garbage; plus plain random bytes. Every value is raw JSON text, so invalid literals can be spliced in too.
/// </summary>
internal static class JsonGen
{
    private const string Marker = "\u0001fuzz\u0001";

    /// <summary>Lengths: mostly short, sometimes kilobytes, rarely past every string limit.</summary>
    public static Gen<int> Length { get; } = Gen.Frequency(
        (20, Gen.Choose(0, 64)),
        (4, Gen.Choose(65, 5_000)),
        (1, Gen.Choose(60_000, 300_000)));

    /// <summary>A JSON string literal: ASCII, escapes, control characters, lone surrogates, non-ASCII.</summary>
    public static Gen<string> StringLiteral { get; } =
        from length in Length
        from style in Gen.Choose(0, 6)
        from c in Gen.Choose(32, 126)
        select "\"" + style switch
        {
            0 => new string((char)c, length),
            1 => string.Concat(Enumerable.Repeat("\\n\\t\\\"\\\\", Math.Max(1, length / 8))),
            2 => "\\ud800" + new string('x', length),
            3 => "\\u0000" + new string('é', length),
            4 => string.Concat(Enumerable.Repeat("😀", Math.Max(1, length / 2))),
            5 => "\t\n" + new string('a', length), // raw control characters: invalid JSON
            _ => new string((char)c, Math.Min(length, 16)),
        } + "\"";

    /// <summary>Nesting depth: a few, past the reader's default of 64, or thousands.</summary>
    public static Gen<string> Deep { get; } =
        from depth in Gen.Frequency((3, Gen.Choose(1, 70)), (1, Gen.Choose(100, 5_000)))
        from array in Gen.Elements(true, false)
        select array
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>Any JSON value, most of them the wrong type for wherever they land; some not JSON at all.</summary>
    public static Gen<string> WrongValue { get; } = Gen.Frequency(
        (6, Gen.Elements("null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "99999999999999999999999",
            "2147483648", "-2147483649", "9223372036854775808", "\"\"", "\"x\"", "[]", "{}", "[null]", "[1,\"a\",{}]",
            "{\"type\":null}", "\"inf\"", "\"-inf\"", "\"NaN\"", "NaN", "Infinity", "undefined", "'single'", "0x10",
            "01", "+1", ".5", "1.", "\"\\u0000\"", "\"\\ud800\"", "\"\\uZZZZ\"", "tru", "nul", "[", "{", "\"open")),
        (3, StringLiteral),
        (2, Base64.Literal),
        (1, Deep),
        (1, Gen.Choose(int.MinValue, int.MaxValue).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A mutation of <paramref name="seeds"/>: 1–4 structural changes, then sometimes a byte-level one.</summary>
    public static Gen<byte[]> Mutated(IReadOnlyList<string> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from changes in Gen.Choose(1, 4).SelectMany(n => Change.ListOf(n))
        let bytes = Apply(seed, changes)
        from result in Gen.Frequency((5, Gen.Constant(bytes)), (2, Bytes.Damaged(bytes)))
        select result;

    /// <summary>Any client frame: mutated seeds most of the time, the seeds themselves, odd audio, unknown types, garbage.</summary>
    public static Gen<byte[]> Frames(IReadOnlyList<string> seeds) => Gen.Frequency(
        (12, Mutated(seeds)),
        (3, Gen.Elements(seeds.ToArray()).Select(s => Encoding.UTF8.GetBytes(s))),
        (3, Base64.AppendEvent),
        (2, UnknownType),
        (2, NotAnObject),
        (2, Bytes.Random));

    private static Gen<JsonChange> Change { get; } =
        from op in Gen.Frequency((6, Gen.Constant(ChangeKind.Replace)), (2, Gen.Constant(ChangeKind.Remove)), (2, Gen.Constant(ChangeKind.AddUnknown)),
            (2, Gen.Constant(ChangeKind.SwapType)), (1, Gen.Constant(ChangeKind.Duplicate)))
        from pick in Gen.Choose(0, int.MaxValue)
        from value in WrongValue
        from type in Gen.Frequency((4, Gen.Elements(Seeds.TypeNames.ToArray())), (1, StringLiteral.Select(s => s.Trim('"'))))
        select new JsonChange(op, pick, value, type);

    private static Gen<byte[]> UnknownType { get; } =
        from type in Gen.Frequency((3, Gen.Elements("session.create", "response.created", "audio", "", " ", "SESSION.UPDATE", "input_audio_buffer.append ",
            "transcription_session.update", "conversation.item.added", "error")), (1, StringLiteral.Select(s => s.Trim('"'))))
        from id in Gen.Elements("", ",\"event_id\":\"e1\"", ",\"event_id\":7")
        select Encoding.UTF8.GetBytes($$"""{"type":"{{type}}"{{id}}}""");

    private static Gen<byte[]> NotAnObject { get; } =
        WrongValue.Select(v => Encoding.UTF8.GetBytes(v));

    private static byte[] Apply(string seed, IReadOnlyList<JsonChange> changes)
    {
        var root = JsonNode.Parse(seed)!.AsObject();
        var spliced = new List<string>();
        foreach (var change in changes)
        {
            var slots = Slots(root);
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key, index) = slots[change.Pick % slots.Count];
            switch (change.Kind)
            {
                case ChangeKind.Replace:
                    Set(parent, key, index, JsonValue.Create(Marker + spliced.Count));
                    spliced.Add(change.Value);
                    break;
                case ChangeKind.Remove when parent is JsonObject obj:
                    obj.Remove(key!);
                    break;
                case ChangeKind.Remove when parent is JsonArray array:
                    array.RemoveAt(index);
                    break;
                case ChangeKind.AddUnknown when parent is JsonObject obj:
                    obj["fuzz_" + (change.Pick % 97)] = JsonValue.Create(Marker + spliced.Count);
                    spliced.Add(change.Value);
                    break;
                case ChangeKind.SwapType:
                    root["type"] = change.Type;
                    break;
                case ChangeKind.Duplicate when parent is JsonObject obj && key is not null:
                    // A duplicate key is not expressible in a JsonObject: splice it in as text after the original.
                    obj[key] = JsonValue.Create(Marker + spliced.Count);
                    spliced.Add(change.Value + ",\"" + key + "\":" + change.Value);
                    break;
            }
        }

        var text = root.ToJsonString();
        for (var i = 0; i < spliced.Count; i++)
        {
            text = text.Replace("\"" + JsonEncoded(Marker + i) + "\"", spliced[i], StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static string JsonEncoded(string value) => JsonValue.Create(value).ToJsonString().Trim('"');

    private static void Set(JsonNode parent, string? key, int index, JsonNode value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JsonArray)parent)[index] = value;
        }
    }

    /// <summary>Every place a value sits: (its parent, its key in an object or index in an array).</summary>
    private static List<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode node)
    {
        var slots = new List<(JsonNode, string?, int)>();
        Walk(node, slots);
        return slots;

        static void Walk(JsonNode node, List<(JsonNode, string?, int)> slots)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        slots.Add((obj, key, -1));
                        if (child is not null)
                        {
                            Walk(child, slots);
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        slots.Add((array, null, i));
                        if (array[i] is { } child)
                        {
                            Walk(child, slots);
                        }
                    }

                    break;
            }
        }
    }
}
