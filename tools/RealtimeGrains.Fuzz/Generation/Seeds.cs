using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Generation;

/// <summary>
/// Valid events to mutate: the protocol's sample events (every client and server event type, both dialects, the
/// <c>Samples/*.jsonl</c> files of the protocol tests, linked into this project) plus a few of our own that reach fields
/// the samples do not (audio content parts, function call outputs, GA names sent to a beta peer).
/// </summary>
internal static class Seeds
{
    private static readonly string[] ExtraGaClient =
    [
        """{"event_id":"e1","type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1","output":"{\"ok\":true}"}}""",
        """{"event_id":"e2","type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_audio","audio":"AAABAAIAAwD//w=="}]}}""",
        """{"event_id":"e3","type":"response.create","response":{"conversation":"none","output_modalities":["text"],"input":[]}}""",
        """{"event_id":"e4","type":"response.cancel","response_id":"resp_1"}""",
        """{"event_id":"e5","type":"session.close"}""",
        """{"event_id":"e6","type":"conversation.item.create","previous_item_id":"root","item":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"hi"}]}}""",
    ];

    private static readonly string[] ExtraBetaClient =
    [
        """{"event_id":"e1","type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1","output":"{}"}}""",
        """{"event_id":"e2","type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_audio","audio":"AAABAAIAAwD//w=="}]}}""",
        """{"event_id":"e3","type":"response.create","response":{"conversation":"none","modalities":["text"]}}""",
    ];

    private static readonly Lazy<IReadOnlyList<string>> GaClient = new(() => Load("ga-client.jsonl", ExtraGaClient));
    private static readonly Lazy<IReadOnlyList<string>> BetaClient = new(() => Load("beta-client.jsonl", ExtraBetaClient));
    private static readonly Lazy<IReadOnlyList<string>> GaServer = new(() => Load("ga-server.jsonl", []));
    private static readonly Lazy<IReadOnlyList<string>> BetaServer = new(() => Load("beta-server.jsonl", []));

    /// <summary>Valid client events of <paramref name="dialect"/>.</summary>
    public static IReadOnlyList<string> ClientEvents(ProtocolDialect dialect) => dialect == ProtocolDialect.GA ? GaClient.Value : BetaClient.Value;

    /// <summary>Valid server events of <paramref name="dialect"/>.</summary>
    public static IReadOnlyList<string> ServerEvents(ProtocolDialect dialect) => dialect == ProtocolDialect.GA ? GaServer.Value : BetaServer.Value;

    /// <summary>Every event type name seen in the seeds (client and server, both dialects), for type swaps.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. new[] { ProtocolDialect.GA, ProtocolDialect.Beta }
        .SelectMany(d => ClientEvents(d).Concat(ServerEvents(d)))
        .Select(TypeOf).Where(t => t is not null).Select(t => t!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string? TypeOf(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
    }

    private static List<string> Load(string file, string[] extra)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Seeds", file);
        var lines = File.ReadAllLines(path).Where(l => l.TrimStart().StartsWith('{')).ToList();
        lines.AddRange(extra);
        return lines;
    }
}
