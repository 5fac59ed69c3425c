namespace RealtimeGrains.Fuzz.Corpus;

/// <summary>One hub invocation: the method name, its arguments as raw JSON (any type, any count), and stream items for a streamed argument.</summary>
/// <param name="Method">Hub method name (or a name the hub does not have).</param>
/// <param name="Arguments">Arguments as JSON text; the token placeholder <c>$token</c> becomes a freshly minted client token.</param>
/// <param name="Stream">When set, the call streams these items (JSON text) as one more argument.</param>
internal sealed record HubCall(string Method, IReadOnlyList<string> Arguments, IReadOnlyList<string>? Stream = null)
{
    public const string TokenPlaceholder = "$token";

    public override string ToString() =>
        Method + "(" + string.Join(", ", Arguments.Select(a => Running.FuzzReport.Shorten(a, 60))) + (Stream is null ? "" : $", stream[{Stream.Count}]") + ")";
}
