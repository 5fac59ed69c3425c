namespace RealtimeGrains.Simulator;

/// <summary>A function call a <see cref="ScriptRule"/> makes the scripted model emit.</summary>
public sealed class ScriptFunctionCall
{
    /// <summary>Tool name; the call is emitted only when the session (or response) has a function tool of this name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Arguments as JSON text. For regex rules, <c>$1</c>/<c>${name}</c> are replaced by the match's groups.</summary>
    public string Arguments { get; set; } = "{}";
}
