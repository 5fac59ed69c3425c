namespace RealtimeGrains.Protocol;

/// <summary>Cached input token breakdown (GA).</summary>
public sealed class CachedTokensDetails : ProtocolObject
{
    /// <summary>Cached text tokens.</summary>
    public int? TextTokens { get; set; }

    /// <summary>Cached audio tokens.</summary>
    public int? AudioTokens { get; set; }

    /// <summary>Cached image tokens.</summary>
    public int? ImageTokens { get; set; }
}
