namespace RealtimeGrains.Simulator;

/// <summary>A minted ephemeral key and the session configuration it was minted with.</summary>
/// <param name="Value">The key (<c>ek_…</c>).</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="Model">The model/deployment it is for.</param>
/// <param name="SessionJson">The session configuration from the mint request, as JSON (or null).</param>
/// <param name="Beta">Whether the configuration is in the preview/beta shape.</param>
internal sealed record EphemeralKey(string Value, DateTimeOffset ExpiresAt, string Model, string? SessionJson, bool Beta);
