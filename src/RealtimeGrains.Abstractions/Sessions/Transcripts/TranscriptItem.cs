namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>One item of a transcript: a message, a function call (with its output) or a function output.</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Transcripts.TranscriptItem")]
public sealed record TranscriptItem
{
    /// <summary>The item id.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary><c>message</c>, <c>function_call</c> or <c>function_call_output</c>.</summary>
    [Id(1)]
    public required string Type { get; init; }

    /// <summary><c>user</c>, <c>assistant</c>, <c>system</c> (messages by role; a function call is the assistant's) or <c>tool</c> (outputs).</summary>
    [Id(2)]
    public required string Speaker { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>incomplete</c>.</summary>
    [Id(3)]
    public string? Status { get; init; }

    /// <summary>Typed text of the message.</summary>
    [Id(4)]
    public string? Text { get; init; }

    /// <summary>Transcript of the message's audio.</summary>
    [Id(5)]
    public string? Transcript { get; init; }

    /// <summary>Whether the message carried audio.</summary>
    [Id(6)]
    public bool HasAudio { get; init; }

    /// <summary>Milliseconds of assistant audio received (after a truncation: kept).</summary>
    [Id(7)]
    public int AudioMs { get; init; }

    /// <summary>Whether the item was truncated after a barge-in.</summary>
    [Id(8)]
    public bool Truncated { get; init; }

    /// <summary>When the item was first seen.</summary>
    [Id(9)]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the item was completed.</summary>
    [Id(10)]
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The call, on <c>function_call</c> items.</summary>
    [Id(11)]
    public TranscriptFunctionCall? FunctionCall { get; init; }

    /// <summary>The call id, on <c>function_call_output</c> items.</summary>
    [Id(12)]
    public string? CallId { get; init; }

    /// <summary>The output, on <c>function_call_output</c> items.</summary>
    [Id(13)]
    public string? Output { get; init; }
}
