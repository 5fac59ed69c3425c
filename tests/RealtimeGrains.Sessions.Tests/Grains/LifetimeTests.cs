using RealtimeGrains.Samples.Tools.Orders;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Tools;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Grains;

/// <summary>Lifetime: never collected while a client is attached; after the last detach, idle time, then persist, close upstream, deactivate.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public async Task AttachedSession_OutlivesCollectionAge_ThenIdlesOut_AndResumesLater()
    {
        // The upstream announces a 2 h lifetime: no rollover while the (manual) clock runs 30 minutes.
        await using var simulator = await SimulatorServer.StartAsync(o => o.MaxSessionDuration = TimeSpan.FromHours(2));
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await SessionSilo.StartAsync(
            simulator,
            o =>
            {
                o.IdleTimeout = TimeSpan.FromMinutes(3);
                o.Upstream.SessionLimit = TimeSpan.FromHours(2); // no rollover in this test
            },
            time);
        var sessionKey = "life-" + Guid.NewGuid().ToString("N");
        var session = silo.Session(sessionKey);
        var observer = new RecordingObserver();
        var reference = silo.GrainFactory.CreateObjectReference<IRealtimeSessionObserver>(observer);
        await session.AttachAsync(reference).Within("attach");
        await session.SendTextAsync("keep this").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");
        var upstream = simulator.Latest;

        // Far past the silo's collection age (15 min) and the idle timeout: attached, so alive, upstream open.
        for (var i = 0; i < 6; i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.True(silo.IsActive(sessionKey));
        Assert.False(upstream.Closed.IsCompleted);

        await session.DetachAsync(reference).Within("detach");
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(upstream.Closed.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(2));
        await upstream.Closed.Within("upstream closed after the idle timeout");

        // A later call activates it again from the persisted state; the next client primes a new upstream session (the
        // upstream opens on the first attach, not on any call).
        var conversation = await session.GetConversationAsync().Within("read after idle deactivation");
        Assert.Equal(["keep this", "You said: keep this"], conversation.Items.Select(i => i.Words));
        Assert.Single(simulator.Inspector.Sessions); // reading the conversation opened no upstream session
        await silo.AttachAsync(session);
        var fresh = await simulator.Inspector.WaitForSessionAsync(s => s.SessionId != upstream.SessionId).Within("a new upstream session");
        Assert.NotNull(fresh);
    }

    [Fact]
    public async Task OrleansCollection_TakesAnIdleGrain_ButNeverASessionWithItsClientAndSocket()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, collectionAge: TimeSpan.FromSeconds(2));
        var sessionKey = "kept-" + Guid.NewGuid().ToString("N");
        var session = silo.Session(sessionKey);
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("still here").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");
        var upstream = simulator.Latest;

        // A grain nobody calls is collected after the (short) collection age; audio and socket traffic of the
        // session is not Orleans activity, yet the session stays, its upstream open.
        var probe = silo.GrainFactory.GetGrain<IOrderTool>("probe-" + Guid.NewGuid().ToString("N"));
        await probe.InvokeAsync(new ToolCall("none", "call", "manage_order", """{"action":"status"}""")).Within("activate the probe");
        await silo.Cluster.WaitForDeactivationAsync(probe.GetGrainId()).Within("the idle probe grain is collected", TimeSpan.FromSeconds(60));

        Assert.True(silo.IsActive(sessionKey));
        Assert.False(upstream.Closed.IsCompleted);
        await session.SendTextAsync("and again").Within("send text after the collection");
        await session.CreateResponseAsync().Within("create response after the collection");
        await observer.WaitForEventAsync("response.done", count: 2);
        Assert.Single(simulator.Inspector.Sessions);
    }

    [Fact]
    public async Task End_TellsObservers_ClosesUpstream_AndForgetsTheConversation()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("end-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("goodbye").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");
        var upstream = simulator.Latest;

        await session.EndAsync().Within("end");

        await observer.WaitForStatusAsync("session.ended");
        await upstream.Closed.Within("upstream closed");
        Assert.Empty((await session.GetConversationAsync().Within("read after end")).Items);
    }
}
