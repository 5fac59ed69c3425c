namespace RealtimeGrains.Chaos.Benchmarks;

/// <summary>What a client turn does.</summary>
internal enum TurnKind
{
    /// <summary>User text, answered "You said: …" (the answer names the turn).</summary>
    Text,

    /// <summary>A question for the server's weather tool: the grain runs the tool, then the model answers with its output.</summary>
    Tool,

    /// <summary>User text; the client cancels the answer after its first audio and truncates what it played.</summary>
    BargeIn,
}
