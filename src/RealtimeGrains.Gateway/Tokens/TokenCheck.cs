namespace RealtimeGrains.Gateway;

/// <summary>Outcome of redeeming a client token.</summary>
public enum TokenCheck
{
    /// <summary>The token is genuine, unexpired and unused; it is now spent.</summary>
    Valid,

    /// <summary>No token was presented.</summary>
    Missing,

    /// <summary>The token is not in the gateway's format.</summary>
    Malformed,

    /// <summary>The signature does not match (forged or altered).</summary>
    BadSignature,

    /// <summary>The token's connect window has passed.</summary>
    Expired,

    /// <summary>The token was already used (or was minted by another process).</summary>
    Replayed,
}
