namespace RealtimeGrains.Gateway;

/// <summary>A freshly minted client token.</summary>
/// <param name="Value">The secret the client presents (<c>rgt_…</c>).</param>
/// <param name="ExpiresAt">The end of the connect window.</param>
/// <param name="SessionId">The session it is bound to.</param>
public sealed record MintedToken(string Value, DateTimeOffset ExpiresAt, string SessionId);
