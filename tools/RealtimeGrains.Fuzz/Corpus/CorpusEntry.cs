using RealtimeGrains.Protocol;

namespace RealtimeGrains.Fuzz.Corpus;

/// <summary>
/// One saved input (a <c>Corpus/*.json</c> file): the target it is for and that target's input. Frames are base64 so
/// any bytes survive; hub arguments are raw JSON text.
/// </summary>
internal sealed record CorpusEntry
{
    /// <summary><c>parser</c>, <c>realtime</c>, <c>hub</c> or <c>tokens</c>.</summary>
    public required string Target { get; init; }

    /// <summary>What the input found (or why it is kept).</summary>
    public string? Note { get; init; }

    /// <summary>Parser and Realtime endpoint: the dialect.</summary>
    public ProtocolDialect Dialect { get; init; }

    /// <summary>Parser: a server event (else a client event).</summary>
    public bool Server { get; init; }

    /// <summary>Parser: parse with the small limits (else the defaults).</summary>
    public bool SmallLimits { get; init; }

    /// <summary>Parser: one frame; Realtime endpoint: the frames sent over one socket, in order (base64).</summary>
    public IReadOnlyList<string>? Frames { get; init; }

    /// <summary>Hub: the calls made over one connection, in order.</summary>
    public IReadOnlyList<HubCall>? Calls { get; init; }

    /// <summary>Token endpoints: one request.</summary>
    public TokenRequest? Request { get; init; }

    public static CorpusEntry ForFrames(string target, ProtocolDialect dialect, IEnumerable<byte[]> frames, bool server = false, bool smallLimits = false) =>
        new() { Target = target, Dialect = dialect, Server = server, SmallLimits = smallLimits, Frames = [.. frames.Select(Convert.ToBase64String)] };

    public IEnumerable<byte[]> FrameBytes() => (Frames ?? []).Select(Convert.FromBase64String);
}
