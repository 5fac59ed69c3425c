namespace RealtimeGrains.Simulator;

/// <summary>
/// One rule of the scripted model: when the user's latest text or transcript matches, reply with
/// <see cref="Reply"/> or call the listed functions. Rules are tried in order; the first match wins.
/// </summary>
public sealed class ScriptRule
{
    /// <summary>Case-insensitive substring the user's text must contain (optional).</summary>
    public string? Contains { get; set; }

    /// <summary>Case-insensitive regular expression the user's text must match (optional).</summary>
    public string? Regex { get; set; }

    /// <summary>Reply text; <c>{input}</c> is replaced by the user's text (and regex groups as in <see cref="ScriptFunctionCall.Arguments"/>).</summary>
    public string Reply { get; set; } = string.Empty;

    /// <summary>
    /// Function calls to emit instead of the reply, those whose tool is declared and allowed by <c>tool_choice</c>
    /// (none under <c>none</c>; only the named one under a named function). They win over the generated calls.
    /// </summary>
    public IList<ScriptFunctionCall> FunctionCalls { get; } = new List<ScriptFunctionCall>();

    /// <summary>Reply after the function outputs came back; <c>{output}</c> is replaced by the outputs, joined by "; ".</summary>
    public string? AfterToolReply { get; set; }
}
