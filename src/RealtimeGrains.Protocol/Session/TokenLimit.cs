using System.Text.Json.Serialization;
using RealtimeGrains.Protocol.Serialization;

namespace RealtimeGrains.Protocol;

/// <summary>A max-output-tokens value: an integer (1–4096) or <c>"inf"</c>.</summary>
[JsonConverter(typeof(TokenLimitJsonConverter))]
public readonly record struct TokenLimit
{
    private TokenLimit(int? limit) => Limit = limit;

    /// <summary>No limit (<c>"inf"</c>).</summary>
    public static TokenLimit Infinite => default;

    /// <summary>The limit, or null for <c>"inf"</c>.</summary>
    public int? Limit { get; }

    /// <summary>True for <c>"inf"</c>.</summary>
    public bool IsInfinite => Limit is null;

    /// <summary>A finite limit.</summary>
    /// <param name="tokens">Maximum output tokens.</param>
    public static TokenLimit Of(int tokens) => new(tokens);

    /// <inheritdoc />
    public override string ToString() => Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "inf";
}
