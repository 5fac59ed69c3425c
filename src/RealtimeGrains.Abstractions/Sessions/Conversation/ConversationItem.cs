namespace RealtimeGrains.Sessions.Conversation;

/// <summary>
/// One item of the conversation as the session grain keeps and persists it. A persisted contract:
/// fields are only ever added, never renamed or renumbered.
/// </summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Conversation.ConversationItem")]
public sealed record ConversationItem
{
    /// <summary>The item id (kept across resume and rollover: replayed items keep their ids).</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary><c>message</c>, <c>function_call</c> or <c>function_call_output</c>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary>Message role (<c>user</c>, <c>assistant</c>, <c>system</c>), else null.</summary>
    [Id(2)]
    public string? Role { get; set; }

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    [Id(3)]
    public string Status { get; set; } = "in_progress";

    /// <summary>Typed text of the message (input or output text parts).</summary>
    [Id(4)]
    public string? Text { get; set; }

    /// <summary>Transcript of the message's audio (input transcription or the assistant's spoken words).</summary>
    [Id(5)]
    public string? Transcript { get; set; }

    /// <summary>Whether the message carried audio.</summary>
    [Id(6)]
    public bool HasAudio { get; set; }

    /// <summary>Milliseconds of assistant audio received (after a truncation: the audio kept).</summary>
    [Id(7)]
    public int AudioMs { get; set; }

    /// <summary>Whether the item was truncated after a barge-in.</summary>
    [Id(8)]
    public bool Truncated { get; set; }

    /// <summary>Function call id (calls and outputs).</summary>
    [Id(9)]
    public string? CallId { get; set; }

    /// <summary>Function name (calls).</summary>
    [Id(10)]
    public string? Name { get; set; }

    /// <summary>Function arguments JSON (calls).</summary>
    [Id(11)]
    public string? Arguments { get; set; }

    /// <summary>Function output (outputs).</summary>
    [Id(12)]
    public string? Output { get; set; }

    /// <summary>When the session first saw the item (the product clock); null in state written before timestamps were kept.</summary>
    [Id(13)]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the item stopped being in progress (completed or incomplete); null while in progress or when unknown.</summary>
    [Id(14)]
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The words of the item: its text, else its transcript.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Words => string.IsNullOrEmpty(Text) ? Transcript : Text;
}
