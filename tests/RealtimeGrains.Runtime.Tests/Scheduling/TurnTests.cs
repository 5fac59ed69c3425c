using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Scheduling;

/// <summary>Turn-based execution and its opt-ins; run with local and with serialized calls.</summary>
public abstract class TurnTests(SiloFixture fixture)
{
    private IGrainFactory Grains => fixture.GrainFactory;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task NonReentrantGrain_ConcurrentCalls_TurnsNeverOverlap()
    {
        var grain = Grains.GetGrain<ITurnGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.EnterAsync(3)))).Within("200 calls");

        Assert.Equal(0, await grain.GetOverlapsAsync().Within("overlap count"));
    }

    [Fact]
    public async Task Calls_FromOneCaller_RunInOrder()
    {
        var grain = Grains.GetGrain<ITurnGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => grain.AppendAsync(i))).Within("100 appends");

        Assert.Equal(Enumerable.Range(0, 100), await grain.GetLogAsync().Within("log"));
    }

    [Fact]
    public async Task NonReentrantGrain_BlockedRequest_HoldsBackTheNextRequest()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ITurnGrain>(key);
        var blocked = grain.BlockAsync();
        await Signals.Get("turn-blocked/" + key).Task.Within("first request running");

        var append = grain.AppendAsync(1);
        var whileBlocked = await grain.PeekLogAsync().Within("interleaving peek while blocked");
        await grain.ReleaseInterleavedAsync().Within("release");
        await Task.WhenAll(blocked, append).Within("blocked request and queued append");

        // The append was queued behind the blocked request: the peek (sent after it) did not see it.
        Assert.Empty(whileBlocked);
        Assert.Equal(new[] { 1 }, await grain.GetLogAsync().Within("log"));
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_RunsWhileARequestIsBlocked()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ITurnGrain>(key);
        var blocked = grain.BlockAsync();
        await Signals.Get("turn-blocked/" + key).Task.Within("first request running");

        await grain.ReleaseInterleavedAsync().Within("interleaving call");

        await blocked.Within("blocked call released");
    }

    [Fact]
    public async Task ReentrantGrain_BlockedRequest_LetsOtherRequestsRun()
    {
        var grain = Grains.GetGrain<IReentrantGrain>(NewKey());
        var blocked = grain.BlockAsync();

        await grain.ReleaseAsync().Within("second request while the first waits");

        await blocked.Within("first request released");
    }

    [Fact]
    public async Task ReentrantGrain_InterleavesAtAwaits_ButNeverRunsInParallel()
    {
        var grain = Grains.GetGrain<IReentrantGrain>(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => grain.EnterAsync(5)))).Within("50 calls");

        Assert.Equal(0, await grain.GetOverlapsAsync().Within("overlaps"));
        Assert.True(await grain.GetMaxInterleavedAsync().Within("interleaving") > 1, "requests should have interleaved");
    }

    [Fact]
    public async Task RunAsTurn_FromAnOutsideLoop_RunsAsTurnsWithoutOverlap()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ITurnGrain>(key);
        await grain.StartExternalLoopAsync(100).Within("start loop");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.EnterAsync(2))).Within("requests during the loop");
        await Signals.Get("turn-loop-done/" + key).Task.Within("external loop");

        Assert.Equal(Enumerable.Range(1000, 100), await grain.GetLogAsync().Within("log"));
        Assert.Equal(0, await grain.GetOverlapsAsync().Within("overlaps"));
    }
}

public sealed class TurnTests_Local(SiloFixture fixture) : TurnTests(fixture), IClassFixture<SiloFixture>;

public sealed class TurnTests_Serialized(SerializingSiloFixture fixture) : TurnTests(fixture), IClassFixture<SerializingSiloFixture>;
