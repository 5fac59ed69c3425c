namespace RealtimeGrains.Simulator;

/// <summary>The <c>tool_choice</c> modes the scripted model honours.</summary>
internal enum ToolChoiceKind
{
    /// <summary>Call a tool when the user's text asks for one (the default).</summary>
    Auto,

    /// <summary>Never call a tool.</summary>
    None,

    /// <summary>Always call at least one tool.</summary>
    Required,

    /// <summary>Always call the named function.</summary>
    Function,
}
