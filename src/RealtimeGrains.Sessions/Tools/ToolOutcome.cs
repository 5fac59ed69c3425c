namespace RealtimeGrains.Sessions.Tools;

/// <summary>How one tool call ended.</summary>
public enum ToolOutcome
{
    /// <summary>The tool answered.</summary>
    Succeeded,

    /// <summary>The tool reported a failure or threw.</summary>
    Failed,

    /// <summary>The tool did not answer within its timeout.</summary>
    TimedOut,

    /// <summary>No tool of that name is registered, or its key could not be resolved.</summary>
    Rejected,
}
