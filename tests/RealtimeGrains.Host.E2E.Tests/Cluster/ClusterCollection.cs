namespace RealtimeGrains.Host.E2E.Tests.Cluster;

/// <summary>Cluster tests start Azurite and several silo processes: they run one at a time, alone (with the other process tests).</summary>
internal static class ClusterCollection
{
    public const string Name = HostProcessesRunAlone.Name;

    /// <summary>Where each test saves its silos' logs: <c>bin/…/e2e-output/cluster-TEST/</c>.</summary>
    public static string LogDirectory(string test) => Path.Combine(AppContext.BaseDirectory, "e2e-output", "cluster-" + test);
}
