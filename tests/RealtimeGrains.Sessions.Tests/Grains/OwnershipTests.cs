using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Sessions.Leases;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>
/// Strict single ownership on one silo, with the state store in the test's hands: an activation stamps its silo lease and
/// a new epoch before it connects, waits out a previous owner's unexpired lease (but not a released one), gives the session
/// up the moment a write of its own meets a newer owner, and clears the owner on a clean deactivation.
/// </summary>
public sealed class OwnershipTests
{
    private const string SessionState = "realtime-session";
    private const string LeaseState = "silo-lease";
    private static readonly GrainType SessionType = GrainType.Create("RealtimeGrains.Sessions.IRealtimeSessionGrain");
    private static readonly GrainType LeaseType = GrainType.Create("rg-silo-lease");

    [Fact]
    public async Task Activation_StampsTheSiloLeaseAndANewEpoch_AndACleanDeactivationReleasesTheOwner()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new SharedStorage();
        var silo = await SessionSilo.StartAsync(simulator, storage: storage);
        var id = "owned-" + Guid.NewGuid().ToString("N");
        string siloKey;
        try
        {
            siloKey = silo.Services.GetRequiredService<SiloLease>().SiloKey;
            await silo.AttachAsync(silo.Session(id));
            var state = storage.Read(SessionState, GrainId.Create(SessionType, id))!;
            Assert.Equal(siloKey, (string?)state["owner"]!["silo"]);
            Assert.Equal(1, (long)state["epoch"]!);
            var lease = storage.Read(LeaseState, GrainId.Create(LeaseType, siloKey))!;
            Assert.False((bool)lease["released"]!);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        // Stopped cleanly: the session's owner is cleared (after its upstream closed) and the silo's lease record deleted.
        Assert.Null(storage.Read(SessionState, GrainId.Create(SessionType, id))!["owner"]);
        Assert.Null(storage.Read(LeaseState, GrainId.Create(LeaseType, siloKey)));
        await simulator.Inspector.WaitForConnectionStatsAsync(id, s => s.Open == 0).Within("the upstream closed by the deactivation");
    }

    [Fact]
    public async Task PreviousOwnersUnexpiredLease_IsWaitedOut_BeforeTheUpstreamOpens()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new SharedStorage();
        var id = "taken-" + Guid.NewGuid().ToString("N");
        var expiresAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        SeedPreviousOwner(storage, id, "another-silo", expiresAt, released: false);
        await using var silo = await SessionSilo.StartAsync(simulator, storage: storage);

        await silo.AttachAsync(silo.Session(id));

        var stats = await simulator.Inspector.WaitForConnectionStatsAsync(id, s => s.Open == 1).Within("the new owner's upstream connection");
        var opened = stats.Connections.Single().OpenedAt;
        Assert.True(opened >= expiresAt, $"the upstream opened at {opened:O}, before the previous owner's lease ended at {expiresAt:O}");
        var state = storage.Read(SessionState, GrainId.Create(SessionType, id))!;
        Assert.Equal(6, (long)state["epoch"]!);
        Assert.Equal(silo.Services.GetRequiredService<SiloLease>().SiloKey, (string?)state["owner"]!["silo"]);
    }

    [Fact]
    public async Task ReleasedLease_IsTakenWithoutWaitingForItsExpiry()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new SharedStorage();
        var id = "released-" + Guid.NewGuid().ToString("N");

        // Released, though "valid" for another hour: waiting it out would fail the attach after the 15 s takeover timeout.
        SeedPreviousOwner(storage, id, "stopped-silo", DateTimeOffset.UtcNow + TimeSpan.FromHours(1), released: true);
        await using var silo = await SessionSilo.StartAsync(simulator, storage: storage);

        await silo.AttachAsync(silo.Session(id)).Within("attach to a session whose previous owner released its lease", TimeSpan.FromSeconds(10));

        Assert.Equal(6, (long)storage.Read(SessionState, GrainId.Create(SessionType, id))!["epoch"]!);
    }

    [Fact]
    public async Task WriteThatMeetsANewerOwner_ClosesTheUpstream_TellsClientsItMoved_AndNeverOverwrites()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        var storage = new SharedStorage();
        await using var silo = await SessionSilo.StartAsync(simulator, storage: storage);
        var id = "stale-" + Guid.NewGuid().ToString("N");
        var session = silo.Session(id);
        var observer = await silo.AttachAsync(session);
        await simulator.Inspector.WaitForConnectionStatsAsync(id, s => s.Open == 1).Within("the upstream connection");

        // Another silo took the session (it wrote the record: new ETag, higher epoch).
        var grainId = GrainId.Create(SessionType, id);
        var newer = storage.Read(SessionState, grainId)!;
        newer["epoch"] = 2;
        newer["owner"] = new JsonObject { ["silo"] = "the-new-owner", ["incarnation"] = 1 };
        storage.Put(SessionState, grainId, newer);

        // The next item boundary makes this activation write: it meets the newer owner.
        await session.SendTextAsync("written by the old owner?").Within("send text");
        await observer.WaitForStatusAsync("session.moved").Within("the client told the session moved");
        await simulator.Inspector.WaitForConnectionStatsAsync(id, s => s.Open == 0).Within("the old owner's upstream closed");

        var stored = storage.Read(SessionState, grainId)!;
        Assert.Equal("the-new-owner", (string?)stored["owner"]!["silo"]);
        Assert.DoesNotContain("written by the old owner?", stored.ToJsonString(), StringComparison.Ordinal);
        Assert.True(storage.StaleWrites >= 1);
    }

    private static void SeedPreviousOwner(SharedStorage storage, string sessionId, string silo, DateTimeOffset expiresAt, bool released)
    {
        storage.Put(SessionState, GrainId.Create(SessionType, sessionId), new JsonObject
        {
            ["version"] = 1,
            ["items"] = new JsonArray(),
            ["owner"] = new JsonObject { ["silo"] = silo, ["incarnation"] = 1 },
            ["epoch"] = 5,
        });
        storage.Put(LeaseState, GrainId.Create(LeaseType, silo), new JsonObject
        {
            ["silo"] = silo,
            ["incarnation"] = 1,
            ["expiresAt"] = expiresAt.ToString("O"),
            ["released"] = released,
        });
    }
}
