namespace RealtimeGrains.Cluster.Benchmarks;

/// <summary>How one affected session came back after the kill (all times on <see cref="BenchmarkClock"/>).</summary>
internal sealed class ResumeResult
{
    /// <summary>When the old socket was seen to end; null if it never did before the deadline.</summary>
    public TimeSpan? DroppedAt { get; set; }

    /// <summary>Tries (one mint and one connect each).</summary>
    public int Attempts { get; set; }

    /// <summary>Failed tries by what failed: <c>mint: …</c>, <c>connect: http 503</c>, <c>after attach: …</c>.</summary>
    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>The last failure's message.</summary>
    public string? LastFailure { get; set; }

    /// <summary>When the successful try's token was minted.</summary>
    public TimeSpan? MintedAt { get; set; }

    /// <summary>When its WebSocket was accepted (the gateway accepts after the session attached).</summary>
    public TimeSpan? ConnectedAt { get; set; }

    /// <summary>When its <c>session.created</c> arrived.</summary>
    public TimeSpan? CreatedAt { get; set; }

    /// <summary>When the first audio delta of the turn sent after the resume arrived: the session is live again.</summary>
    public TimeSpan? LiveAt { get; set; }

    /// <summary>The silo it resumed on.</summary>
    public string? Silo { get; set; }

    /// <summary>The item ids replayed on the new socket (completed items before the first new one).</summary>
    public HashSet<string> Replayed { get; } = new(StringComparer.Ordinal);

    /// <summary>Persisted item ids (read before the kill) missing from <see cref="Replayed"/>.</summary>
    public List<string> Lost { get; } = [];

    /// <summary>Whether it was live again by the deadline.</summary>
    public bool Resumed => LiveAt is not null;

    /// <summary>Counts one failed try.</summary>
    public void Fail(string kind, string message)
    {
        Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
        LastFailure = message;
    }
}
