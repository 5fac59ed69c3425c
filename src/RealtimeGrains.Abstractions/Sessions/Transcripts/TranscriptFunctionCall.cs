namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>A function call of the model with its output, as a transcript shows it.</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Transcripts.TranscriptFunctionCall")]
public sealed record TranscriptFunctionCall
{
    /// <summary>The call id.</summary>
    [Id(0)]
    public string? CallId { get; init; }

    /// <summary>The function name.</summary>
    [Id(1)]
    public string? Name { get; init; }

    /// <summary>The arguments JSON the model sent.</summary>
    [Id(2)]
    public string? Arguments { get; init; }

    /// <summary><c>server</c> (a tool grain of the silo) or <c>client</c> (a tool the client declared and ran).</summary>
    [Id(3)]
    public required string Executor { get; init; }

    /// <summary>The output, once it was sent (a tool failure is a structured <c>{"error":{…}}</c> document).</summary>
    [Id(4)]
    public string? Output { get; init; }

    /// <summary>The id of the <c>function_call_output</c> item.</summary>
    [Id(5)]
    public string? OutputItemId { get; init; }

    /// <summary>Milliseconds from the call's completion to its output joining the conversation; null without an output.</summary>
    [Id(6)]
    public double? DurationMs { get; init; }
}
