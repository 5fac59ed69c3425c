namespace RealtimeGrains.Sessions.Tools;

/// <summary>How the session grain picks the key of the tool grain it calls.</summary>
public enum ToolKeyKind
{
    /// <summary>One tool grain per session: the key is the session id.</summary>
    PerSession,

    /// <summary>The key is the value of one argument of the call (for example an order number).</summary>
    FromArgument,

    /// <summary>One tool grain for everyone: the key is the tool name.</summary>
    Singleton,

    /// <summary>A <c>[StatelessWorker]</c> tool grain: one key, the runtime runs several local activations.</summary>
    StatelessWorker,
}
