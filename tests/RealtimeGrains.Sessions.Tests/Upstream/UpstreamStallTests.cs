using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Upstream;

/// <summary>An upstream that goes quiet mid-response with its socket open is given up like a dropped one.</summary>
public sealed class UpstreamStallTests
{
    [Fact]
    public async Task StallMidResponse_ClientToldItFailed_TurnAnsweredOnceOnANewUpstream()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.StallTimeout = TimeSpan.FromMilliseconds(500));
        var session = silo.Session("stall-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        // Held far longer than the test's deadlines: only the grain's stall watch can end it.
        simulator.Inspector.Faults.StallNextResponse(TimeSpan.FromMinutes(5));
        await session.SendTextAsync("are you still there").Within("send text");
        await session.CreateResponseAsync().Within("create response that stalls");

        var failed = RecordingObserver.Json(await observer.WaitForEventAsync("response.done"));
        Assert.Equal("failed", (string?)failed["response"]!["status"]);
        Assert.Equal("upstream_lost", (string?)failed["response"]!["status_details"]!["error"]!["code"]);
        await observer.WaitForStatusAsync("upstream.ready", count: 2);
        var answered = RecordingObserver.Json(await observer.WaitForEventAsync("response.done", count: 2));
        Assert.Equal("completed", (string?)answered["response"]!["status"]);

        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Single(items, i => i.Words == "You said: are you still there" && i.Status == "completed");
        Assert.Equal(1, simulator.Inspector.Faults.Injected.Stalls);
        Assert.Equal(2, simulator.Inspector.Sessions.Count);
    }

    [Fact]
    public async Task SlowButSteadyResponse_IsNotTakenForAStall()
    {
        // Audio comes every 100 ms; the stall timeout is 15 chunks, so a busy test machine's pauses
        // (GC, a starved thread pool) are not taken for a stall, while the reply (about 5 s) is far longer.
        var stallTimeout = TimeSpan.FromMilliseconds(1500);
        await using var simulator = await SimulatorServer.StartAsync(o => o.SpeedFactor = 1);
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.StallTimeout = stallTimeout);
        var session = silo.Session("steady-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        // Spoken in real time: longer than the stall timeout in all, but never quiet for that long.
        await session.SendTextAsync("tell me something that takes a while to say").Within("send text");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await session.CreateResponseAsync().Within("create response");

        var done = RecordingObserver.Json(await observer.WaitForEventAsync("response.done"));
        Assert.True((string?)done["response"]!["status"] == "completed", done.ToJsonString());
        Assert.Single(simulator.Inspector.Sessions);
        Assert.True(started.Elapsed > stallTimeout, $"the reply took {started.Elapsed}, not longer than the stall timeout: the test proved nothing");
    }
}
