using System.Text.Json.Serialization;

namespace RealtimeGrains.LoadGen;

/// <summary>A minted client token.</summary>
internal sealed record ClientSecret([property: JsonPropertyName("value")] string? Value);
