using System.Text.Json;

namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>
/// What the benchmark keeps of one server event: its arrival time, type and the few fields it looks at (never the audio,
/// which would cost gigabytes over a run of hundreds of streaming sessions).
/// </summary>
/// <param name="At">Arrival on <see cref="BenchmarkClock"/>.</param>
/// <param name="Type">The event's <c>type</c>.</param>
internal sealed record ClientEvent(TimeSpan At, string Type)
{
    public const string SessionCreated = "session.created";
    public const string ItemDone = "conversation.item.done";
    public const string ResponseCreated = "response.created";
    public const string AudioDelta = "response.output_audio.delta";
    public const string ResponseDone = "response.done";
    public const string Error = "error";

    /// <summary><c>session.id</c> of <c>session.created</c>.</summary>
    public string? SessionId { get; init; }

    /// <summary>The response id of response and audio events.</summary>
    public string? ResponseId { get; init; }

    /// <summary><c>response.status</c> of <c>response.done</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The item of <c>conversation.item.done</c>.</summary>
    public string? ItemId { get; init; }

    /// <summary>The item's role.</summary>
    public string? Role { get; init; }

    /// <summary>The item's first text or transcript.</summary>
    public string? Text { get; init; }

    /// <summary><c>error.code</c> of an <c>error</c> event, or of a failed response's <c>status_details.error</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary><c>error.message</c> of an <c>error</c> event.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Reads the fields the benchmark uses out of one JSON event.</summary>
    public static ClientEvent Parse(ReadOnlySpan<byte> json, TimeSpan at)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var type = Intern(String(root, "type") ?? "");
        return type switch
        {
            SessionCreated => new ClientEvent(at, type) { SessionId = root.TryGetProperty("session", out var s) ? String(s, "id") : null },
            ItemDone when root.TryGetProperty("item", out var item) => new ClientEvent(at, type)
            {
                ItemId = String(item, "id"),
                Role = String(item, "role"),
                Text = TextOf(item),
            },
            AudioDelta => new ClientEvent(at, type) { ResponseId = String(root, "response_id") },
            ResponseCreated or ResponseDone when root.TryGetProperty("response", out var response) => new ClientEvent(at, type)
            {
                ResponseId = String(response, "id"),
                Status = String(response, "status"),
                ErrorCode = response.TryGetProperty("status_details", out var details) && details.ValueKind == JsonValueKind.Object
                    && details.TryGetProperty("error", out var failure) ? String(failure, "code") : null,
            },
            Error when root.TryGetProperty("error", out var error) => new ClientEvent(at, type)
            {
                ErrorCode = String(error, "code"),
                ErrorMessage = String(error, "message"),
            },
            _ => new ClientEvent(at, type),
        };
    }

    /// <summary>The text of a message item's first content part (<c>text</c>, or <c>transcript</c> for audio).</summary>
    private static string? TextOf(JsonElement item)
    {
        if (!item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var part in content.EnumerateArray())
        {
            if ((String(part, "text") ?? String(part, "transcript")) is { } text)
            {
                return text;
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The common types as one string each instead of one per event.</summary>
    private static string Intern(string type) => type switch
    {
        SessionCreated => SessionCreated,
        ItemDone => ItemDone,
        ResponseCreated => ResponseCreated,
        AudioDelta => AudioDelta,
        ResponseDone => ResponseDone,
        Error => Error,
        _ => string.IsInterned(type) ?? type,
    };
}
