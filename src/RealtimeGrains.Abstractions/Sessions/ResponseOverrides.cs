namespace RealtimeGrains.Sessions;

/// <summary>Per-response overrides of <see cref="IRealtimeSessionGrain.CreateResponseAsync"/>; null fields keep the session's values.</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.ResponseOverrides")]
public sealed record ResponseOverrides
{
    /// <summary>Instructions for this response only.</summary>
    [Id(0)]
    public string? Instructions { get; init; }

    /// <summary>Voice for this response only.</summary>
    [Id(1)]
    public string? Voice { get; init; }

    /// <summary>Output modalities for this response only (<c>["text"]</c> or <c>["audio"]</c>).</summary>
    [Id(2)]
    public IReadOnlyList<string>? OutputModalities { get; init; }

    /// <summary><c>none</c> for an out-of-band response that does not join the conversation; null: the default conversation.</summary>
    [Id(3)]
    public string? Conversation { get; init; }

    /// <summary>Metadata echoed in the response events.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
