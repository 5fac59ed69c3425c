using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RealtimeGrains.Fuzz.Corpus;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>
/// Hub calls: every method of <c>RealtimeHub</c> and some it does not have, with arguments of the right type and odd
/// values, of the wrong type, too many or too few, nulls, huge strings, mutated events, bad audio chunks, in any order.
/// </summary>
internal static class HubGen
{
    /// <summary>
    /// Longest argument as SignalR's client writes it (escapes included): three of them stay below
    /// <c>Gateway:MaxHubMessageBytes</c> (256 KiB). A bigger message is refused by SignalR closing the connection,
    /// which the hub target checks on its own (<c>HubTarget.CheckOversizedMessageAsync</c>).
    /// </summary>
    private const int MaxArgument = 60_000;

    private static readonly (string Method, string[] Parameters)[] Methods =
    [
        ("Attach", ["token"]), ("SendEvent", ["event"]), ("SendText", ["string"]), ("StreamAudio", []), ("CommitAudio", []),
        ("CreateResponse", []), ("CancelResponse", []), ("ReportPlayback", ["string", "int"]), ("Interrupt", ["int?"]),
        ("Truncate", ["string", "int?"]), ("Detach", []),
    ];

    private static readonly string[] Unknown = ["attach", "NoSuchMethod", "OnDisconnectedAsync", "OnConnectedAsync", "Dispose", "Client", "Forward", "WithCancellation", " "];

    private static readonly Gen<string> Events = JsonGen.Frames(Seeds.ClientEvents(ProtocolDialect.GA))
        .Select(f => Fit(JsonSerializer.Serialize(Encoding.UTF8.GetString(f))));

    /// <summary>JSON text of a value of any type (valid JSON: SignalR's client only sends JSON).</summary>
    private static readonly Gen<string> AnyValue = JsonGen.WrongValue.Select(v => Fit(IsJson(v) ? v : JsonSerializer.Serialize(v)));

    private static readonly Gen<string> Text =
        from length in JsonGen.Length
        from kind in Gen.Choose(0, 3)
        select JsonSerializer.Serialize(kind switch
        {
            0 => new string('t', Math.Min(length, MaxArgument - 2)),
            1 => "",
            2 => "   \t\n",
            _ => "item_" + length,
        });

    private static readonly Gen<string> Int = Gen.Frequency(
        (3, Gen.Elements("0", "1", "-1", "2147483647", "-2147483648", "1500", "null")),
        (1, Gen.Elements("2147483648", "1e10", "1.5", "\"12\"", "true", "[]", "{}")));

    private static readonly Gen<string> Chunk = Base64.Text.Select(t => Fit(JsonSerializer.Serialize(t)));

    private static readonly Gen<HubCall> Call =
        from pick in Gen.Choose(0, Methods.Length + 1)
        from wrongArity in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(-2, 2)))
        from call in pick < Methods.Length ? Known(Methods[pick], wrongArity) : Gen.Elements(Unknown).SelectMany(m => AnyValue.ListOf(wrongArity & 3).Select(a => new HubCall(m, [.. a])))
        select call;

    /// <summary>A batch of calls over one connection; most start by attaching, so later calls reach the session.</summary>
    public static Gen<CorpusEntry> Batches { get; } =
        from attach in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from count in Gen.Frequency((3, Gen.Choose(1, 20)), (1, Gen.Choose(21, 80)))
        from calls in Call.ListOf(count)
        select new CorpusEntry { Target = "hub", Calls = attach ? [new HubCall("Attach", [HubCall.TokenPlaceholder]), .. calls] : [.. calls] };

    private static Gen<HubCall> Known((string Method, string[] Parameters) method, int wrongArity)
    {
        var arguments = method.Parameters.Select(p => Gen.Frequency((4, ForParameter(p)), (1, AnyValue))).ToList();
        var arity = Math.Max(0, arguments.Count + wrongArity);
        while (arguments.Count < arity)
        {
            arguments.Add(AnyValue);
        }

        var values = Gen.CollectToArray(arguments.Take(arity));
        if (method.Method != "StreamAudio")
        {
            return values.Select(a => new HubCall(method.Method, a));
        }

        var items = Gen.Frequency((6, Chunk), (1, AnyValue)).ListOf();
        return from a in values
               from stream in items
               select new HubCall(method.Method, a, [.. stream.Take(40)]);
    }

    private static Gen<string> ForParameter(string kind) => kind switch
    {
        "token" => Gen.Frequency((3, Gen.Constant(HubCall.TokenPlaceholder)), (2, Text), (1, Gen.Constant("null"))),
        "event" => Gen.Frequency((5, Events), (1, Text), (1, Gen.Constant("null"))),
        "string" => Gen.Frequency((4, Text), (1, Gen.Constant("null"))),
        "int" => Int,
        _ => Gen.Frequency((4, Int), (1, Gen.Constant("null"))),
    };

    /// <summary>
    /// <paramref name="json"/> when SignalR's client can send it within <see cref="MaxArgument"/>; else a long plain
    /// string (a lone surrogate cannot be sent at all: the client's serializer refuses it), or, nested too deep for
    /// SignalR's reader, a short one.
    /// </summary>
    private static string Fit(string json)
    {
        try
        {
            // SignalR's server reads a message with a depth limit of 64, two levels of which are the message itself: a
            // deeper argument makes the message unreadable, and SignalR closes the connection (as for an oversized one).
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 60 });
            return JsonSerializer.Serialize(document.RootElement).Length <= MaxArgument ? json : JsonSerializer.Serialize(new string('t', MaxArgument - 2));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return JsonSerializer.Serialize("unsendable");
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
