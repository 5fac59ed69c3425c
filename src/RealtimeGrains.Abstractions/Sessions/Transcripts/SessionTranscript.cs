using RealtimeGrains.Sessions.Conversation;

namespace RealtimeGrains.Sessions.Transcripts;

/// <summary>A session's conversation as the application server reads it (<c>GET /v1/sessions/{id}/transcript</c>).</summary>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.Transcripts.SessionTranscript")]
public sealed record SessionTranscript
{
    /// <summary>The session id.</summary>
    [Id(0)]
    public required string SessionId { get; init; }

    /// <summary>When the session was first activated; null for state written before this was kept.</summary>
    [Id(1)]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Whether an activation owned the session when it was read (the transcript came from its memory).</summary>
    [Id(2)]
    public bool Live { get; init; }

    /// <summary>How many times the upstream session was replaced (rollovers and reconnects).</summary>
    [Id(3)]
    public int UpstreamReplacements { get; init; }

    /// <summary>The conversation's items, in order.</summary>
    [Id(4)]
    public IReadOnlyList<TranscriptItem> Items { get; init; } = [];

    /// <summary>Every finished response with its usage, in order.</summary>
    [Id(5)]
    public IReadOnlyList<ResponseUsage> Responses { get; init; } = [];

    /// <summary>Usage summed over the responses.</summary>
    [Id(6)]
    public UsageTotals Usage { get; init; } = new();
}
