namespace RealtimeGrains.Sessions.Tools;

/// <summary>Per-tool settings of <see cref="RealtimeToolServiceCollectionExtensions.AddRealtimeTool{TTool, TParameters}"/>.</summary>
public sealed class RealtimeToolOptions
{
    /// <summary>How the tool grain's key is chosen. Default <see cref="ToolKey.PerSession"/>.</summary>
    public ToolKey Key { get; set; } = ToolKey.PerSession;

    /// <summary>How long one call may take before it is answered with a timeout output. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Optional filler: when the call has not finished after <see cref="FillerAfter"/>, the session asks the model for
    /// an out-of-band spoken response with these instructions (for example "Say you are looking it up."), so there is
    /// no dead air. Null: no filler.
    /// </summary>
    public string? FillerInstructions { get; set; }

    /// <summary>How long a call runs before the filler is spoken. Default 1.5 s.</summary>
    public TimeSpan FillerAfter { get; set; } = TimeSpan.FromSeconds(1.5);
}
