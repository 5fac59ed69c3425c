using Orleans.TestingHost;

namespace RealtimeGrains.Persistence.Tests;

/// <summary>End to end: a grain's [PersistentState] on a silo with the file storage survives a new cluster on the same folder.</summary>
public sealed class ClusterTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _root = TestStorage.NewRoot("rg-cluster");

    public void Dispose() => TestStorage.DeleteRoot(_root);

    [Fact]
    public async Task StateWrittenByOneCluster_IsReadByAFreshClusterOnTheSameFolder()
    {
        await using (var first = await StartClusterAsync())
        {
            var grain = first.Client.GetGrain<IProfileGrain>("alice");
            Assert.False(await grain.RecordExistsAsync().WaitAsync(Deadline));
            await grain.SetAsync("Alice", 3).WaitAsync(Deadline);
            await grain.SetAsync("Alice", 4).WaitAsync(Deadline);
            await first.StopAllSilosAsync().WaitAsync(Deadline);
        }

        // The silo's default serializer was used (no serializer was configured), in the two slot files.
        var path = Path.Combine(_root, "s", "test~002eprofile", "alice.state");
        Assert.StartsWith("rgstate2 1 ", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.StartsWith("rgstate2 2 ", await File.ReadAllTextAsync(Path.Combine(_root, "s", "test~002eprofile", "alice.1.state")), StringComparison.Ordinal);

        await using var second = await StartClusterAsync();
        var again = second.Client.GetGrain<IProfileGrain>("alice");
        var state = await again.GetAsync().WaitAsync(Deadline);
        Assert.Equal("Alice", state.Name);
        Assert.Equal(4, state.Visits);
        Assert.True(await again.RecordExistsAsync().WaitAsync(Deadline));

        await again.ClearAsync().WaitAsync(Deadline);
        Assert.False(File.Exists(path));
        Assert.Equal("unnamed", (await again.GetAsync().WaitAsync(Deadline)).Name);
        Assert.False(await again.RecordExistsAsync().WaitAsync(Deadline));
        await second.StopAllSilosAsync().WaitAsync(Deadline);
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddFileGrainStorage(o => o.RootPath = _root));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync().WaitAsync(Deadline);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }
}
