namespace RealtimeGrains.Gateway;

/// <summary>The stored state of a <see cref="ClientTokenGrain"/>.</summary>
public sealed class ClientTokenRecord
{
    /// <summary>The unspent grant; null once spent.</summary>
    public ClientTokenGrant? Grant { get; set; }
}
