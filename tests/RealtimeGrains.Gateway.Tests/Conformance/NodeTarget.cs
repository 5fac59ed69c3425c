namespace RealtimeGrains.Gateway.Tests.Conformance;

/// <summary>What a conformance script talks to.</summary>
public enum NodeTarget
{
    /// <summary>The standalone simulator on loopback Kestrel, with its API key.</summary>
    Simulator,

    /// <summary>The whole host (gateway, session grains, in-process simulator upstream), with a minted client token.</summary>
    Gateway,
}
