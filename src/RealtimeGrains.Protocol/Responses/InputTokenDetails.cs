namespace RealtimeGrains.Protocol;

/// <summary>Input token breakdown.</summary>
public sealed class InputTokenDetails : ProtocolObject
{
    /// <summary>Cached tokens.</summary>
    public int? CachedTokens { get; set; }

    /// <summary>Text tokens.</summary>
    public int? TextTokens { get; set; }

    /// <summary>Audio tokens.</summary>
    public int? AudioTokens { get; set; }

    /// <summary>Image tokens (GA).</summary>
    public int? ImageTokens { get; set; }

    /// <summary>Breakdown of cached tokens (GA).</summary>
    public CachedTokensDetails? CachedTokensDetails { get; set; }
}
