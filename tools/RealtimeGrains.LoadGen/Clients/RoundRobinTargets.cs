namespace RealtimeGrains.LoadGen;

/// <summary>
/// The targets of one phase, assigned round-robin: session <c>i</c> goes to target <c>i % n</c> for everything it does
/// (minting its token on the gateway and opening its socket), so sessions spread evenly over several silos.
/// </summary>
internal sealed class RoundRobinTargets
{
    public RoundRobinTargets(IReadOnlyList<SessionTarget> targets)
    {
        ArgumentOutOfRangeException.ThrowIfZero(targets.Count);
        All = targets;
    }

    public IReadOnlyList<SessionTarget> All { get; }

    public int Count => All.Count;

    /// <summary>Gateways at <paramref name="baseUris"/>, all with the same server credential.</summary>
    public static RoundRobinTargets Gateway(IEnumerable<Uri> baseUris, string serverCredential) =>
        new([.. baseUris.Select(u => SessionTarget.Gateway(u, serverCredential))]);

    /// <summary>Simulators (or relays) at <paramref name="baseUris"/>, all with the same key.</summary>
    public static RoundRobinTargets Direct(IEnumerable<Uri> baseUris, string apiKey) =>
        new([.. baseUris.Select(u => SessionTarget.Direct(u, apiKey))]);

    /// <summary>The index of the target of session <paramref name="session"/> (0-based).</summary>
    public int IndexOf(int session) => session % All.Count;

    /// <summary>The target of session <paramref name="session"/> (0-based).</summary>
    public SessionTarget For(int session) => All[IndexOf(session)];
}
