namespace RealtimeGrains.Protocol;

/// <summary>Output token breakdown.</summary>
public sealed class OutputTokenDetails : ProtocolObject
{
    /// <summary>Text tokens.</summary>
    public int? TextTokens { get; set; }

    /// <summary>Audio tokens.</summary>
    public int? AudioTokens { get; set; }
}
