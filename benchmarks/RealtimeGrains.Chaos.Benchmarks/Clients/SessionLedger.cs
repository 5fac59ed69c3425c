namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>What one session's client saw and did: the items it was shown, its turns and how each ended, the faults it noticed.</summary>
internal sealed class SessionLedger(string sessionId)
{
    public string SessionId { get; } = sessionId;

    /// <summary>Ids of the user items the client created and the server acknowledged.</summary>
    public HashSet<string> UserItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Assistant message items the client saw finished (<c>response.output_item.done</c>), with their status.</summary>
    public Dictionary<string, string> AssistantItems { get; } = new(StringComparer.Ordinal);

    /// <summary>The transcript the client heard per assistant item (its transcript deltas, concatenated).</summary>
    public Dictionary<string, string> HeardTranscripts { get; } = new(StringComparer.Ordinal);

    public int TurnsSent { get; set; }

    public int TurnsAnswered { get; set; }

    /// <summary>Turns that ended with a <c>response.done</c> failed <c>upstream_lost</c> and no re-run: lost, and the client was told.</summary>
    public int TurnsLostTold { get; set; }

    /// <summary>Turns cut short by the client (barge-in: <c>response.cancel</c>).</summary>
    public int TurnsBargedIn { get; set; }

    /// <summary>Completed responses that answered a turn already answered (or no turn at all).</summary>
    public int DuplicateResponses { get; set; }

    /// <summary>Re-opened client sockets: planned (soak) and after the server closed one.</summary>
    public int Reconnects { get; set; }

    public int UnplannedReconnects { get; set; }

    /// <summary>Faults the client was told of: <c>error</c> codes and <c>upstream_lost</c> responses, by code.</summary>
    public Dictionary<string, int> Notices { get; } = new(StringComparer.Ordinal);

    /// <summary>From the first notice of a fault to the next completed response.</summary>
    public List<TimeSpan> Recoveries { get; } = [];

    /// <summary>What went wrong for the run (a turn not resolved in time, a connect that failed…); empty when the session recovered.</summary>
    public List<string> Failures { get; } = [];

    public bool Recovered => Failures.Count == 0 && TurnsSent > 0 && TurnsSent == TurnsAnswered + TurnsLostTold + TurnsBargedIn;

    public void Notice(string code) => Notices[code] = Notices.GetValueOrDefault(code) + 1;
}
