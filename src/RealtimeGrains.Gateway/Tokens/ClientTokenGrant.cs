namespace RealtimeGrains.Gateway;

/// <summary>What a redeemed client token entitles its bearer to: one session and the configuration it was minted with.</summary>
/// <param name="SessionId">The session the token is bound to.</param>
/// <param name="SessionConfigJson">The session configuration (beta-shaped JSON object) given when minting, if any.</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Gateway.ClientTokenGrant")]
public sealed record ClientTokenGrant(string SessionId, string? SessionConfigJson, DateTimeOffset ExpiresAt);
