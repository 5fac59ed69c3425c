namespace RealtimeGrains.Sessions;

/// <summary>
/// What an operator sees of one live session activation (the sessions page): where it runs, its upstream, its clients.
/// Read from the activation's own scheduler without an Orleans call, so listing sessions never activates one.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("RealtimeGrains.Sessions.SessionStatus")]
public sealed record SessionStatus
{
    /// <summary>The session id (the grain key).</summary>
    [Id(0)]
    public string SessionId { get; init; } = string.Empty;

    /// <summary>The silo address the activation lives on (<c>IP:port@generation</c>).</summary>
    [Id(1)]
    public string Silo { get; init; } = string.Empty;

    /// <summary>The silo's name (<c>Host:SiloName</c>).</summary>
    [Id(2)]
    public string? SiloName { get; init; }

    /// <summary>The upstream kind: <c>Simulator</c>, <c>AzurePreview</c>, <c>AzureGa</c> or <c>OpenAI</c>.</summary>
    [Id(3)]
    public string UpstreamKind { get; init; } = string.Empty;

    /// <summary>The upstream's host and port (never a path, query or key); null when unknown.</summary>
    [Id(4)]
    public string? UpstreamHost { get; init; }

    /// <summary><c>connected</c>, <c>connecting</c> (opening, reconnecting, rolling over) or <c>disconnected</c>.</summary>
    [Id(5)]
    public string UpstreamState { get; init; } = string.Empty;

    /// <summary>Upstream sessions this activation has opened (rollovers and reconnects add one).</summary>
    [Id(6)]
    public int UpstreamGeneration { get; init; }

    /// <summary>Attached clients (observers).</summary>
    [Id(7)]
    public int Clients { get; init; }

    /// <summary>When this activation started (product clock).</summary>
    [Id(8)]
    public DateTimeOffset ActivatedAt { get; init; }

    /// <summary>Conversation items so far.</summary>
    [Id(9)]
    public int Items { get; init; }

    /// <summary>The last upstream failure of this activation (a stable code and a message, never a credential); null when none.</summary>
    [Id(10)]
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    [Id(11)]
    public DateTimeOffset? LastErrorAt { get; init; }
}
