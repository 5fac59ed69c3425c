using RealtimeGrains.Runtime.Tests.Grains;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Runtime.Tests.Messaging;

/// <summary>Calls, activation and errors; run once with local calls and once with every call serialized.</summary>
public abstract class GrainCallTests(SiloFixture fixture)
{
    protected IGrainFactory Grains => fixture.GrainFactory;

    protected static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Call_SameKey_ReachesSameActivationAndKeepsState()
    {
        var key = NewKey();
        await Grains.GetGrain<ICounterGrain>(key).AddAsync(2).Within("first add");
        var total = await Grains.GetGrain<ICounterGrain>(key).AddAsync(3).Within("second add");
        var other = await Grains.GetGrain<ICounterGrain>(NewKey()).AddAsync(1).Within("other grain");

        Assert.Equal(5, total);
        Assert.Equal(1, other);
    }

    [Fact]
    public async Task GrainCallingGrain_GetsResult_AndResumesOnItsOwnScheduler()
    {
        var other = NewKey();
        await Grains.GetGrain<ICounterGrain>(other).AddAsync(10).Within("seed");

        var (total, stayed) = await Grains.GetGrain<ICounterGrain>(NewKey()).AddThroughAsync(other, 5).Within("call through");

        Assert.Equal(15, total);
        Assert.True(stayed, "after awaiting another grain, grain code must continue on its own scheduler");
    }

    [Fact]
    public async Task FirstCalls_1000Concurrent_CreateExactlyOneActivation()
    {
        var key = NewKey();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Grains.GetGrain<ICounterGrain>(key).GetActivationIdAsync();
        })).ToArray();
        start.SetResult();

        var ids = await Task.WhenAll(calls).Within("1000 first calls");

        Assert.Single(ids.Distinct());
        Assert.Equal(1, Signals.Count("counter-constructed/" + key));
    }

    [Fact]
    public async Task Call_GrainThrowsAfterAwait_CallerGetsSameTypeAndMessage()
    {
        var error = await Assert.ThrowsAsync<GrainTestException>(
            () => Grains.GetGrain<ICounterGrain>(NewKey()).ThrowAsync("broken on purpose").Within("throwing call"));

        Assert.Equal("broken on purpose", error.Message);
    }

    [Fact]
    public async Task Call_GrainThrowsSynchronously_CallerGetsSameTypeAndMessage()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Grains.GetGrain<ICounterGrain>(NewKey()).ThrowSynchronouslyAsync("bad argument").Within("throwing call"));

        Assert.Equal("bad argument", error.Message);
    }

    [Fact]
    public async Task Call_AfterGrainThrew_GrainStillServes()
    {
        var grain = Grains.GetGrain<ICounterGrain>(NewKey());
        await Assert.ThrowsAsync<GrainTestException>(() => grain.ThrowAsync("x").Within("throwing call"));

        Assert.Equal(4, await grain.AddAsync(4).Within("call after the failure"));
    }

    [Fact]
    public async Task ValueTaskMethods_ReturnResults()
    {
        var grain = Grains.GetGrain<ICounterGrain>(NewKey());
        await grain.AddAsync(7).Within("add");

        Assert.Equal(7, await grain.GetValueAsync().AsTask().Within("get"));
        await grain.ResetAsync().AsTask().Within("reset");
        Assert.Equal(0, await grain.GetValueAsync().AsTask().Within("get after reset"));
    }

    [Fact]
    public async Task Echo_ComplexArgument_ComesBackEqual()
    {
        var payload = new Payload("hello", [1, 2, 3]);

        var echoed = await Grains.GetGrain<ICounterGrain>(NewKey()).EchoAsync(payload).Within("echo");

        Assert.Equal(payload.Text, echoed.Text);
        Assert.Equal(payload.Numbers, echoed.Numbers);
    }

    [Fact]
    public async Task FailedActivation_FailsTheCall_AndNextCallActivatesAgain()
    {
        var key = Guid.NewGuid();
        var grain = Grains.GetGrain<IFlakyActivationGrain>(key);

        var error = await Assert.ThrowsAsync<GrainTestException>(() => grain.GetKeyAsync().Within("call to failing activation"));
        var second = await grain.GetKeyAsync().Within("call after failed activation");

        Assert.Equal("first activation fails", error.Message);
        Assert.Equal(key, second);
    }

    [Fact]
    public async Task DeactivateOnIdle_NextCallGetsNewActivation()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ICounterGrain>(key);
        var first = await grain.GetActivationIdAsync().Within("first call");
        await grain.DeactivateAsync().Within("deactivate request");
        var reason = await Signals.WaitAsync<DeactivationReason>("counter-deactivated/" + key).Within("OnDeactivateAsync");

        var second = await grain.GetActivationIdAsync().Within("call after deactivation");

        Assert.Equal(DeactivationReasonCode.ApplicationRequested, reason.ReasonCode);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Calls_WhileTheGrainKeepsDeactivating_AllCompleteOnSomeActivation()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ICounterGrain>(key);
        var callers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await grain.AddAsync(1);
            }
        }));
        var deactivator = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await grain.DeactivateAsync();
            }
        });

        await Task.WhenAll(callers.Append(deactivator)).Within("800 calls racing 30 deactivations");

        Assert.True(Signals.Count("counter-constructed/" + key) > 1, "the calls should have spanned several activations");
    }

    [Fact]
    public async Task Cancellation_CallerCancels_TokenReachesGrainAndCallerSeesCancellation()
    {
        var key = NewKey();
        using var cts = new CancellationTokenSource();
        var call = Grains.GetGrain<ITurnGrain>(key).WaitForCancellationAsync(cts.Token);

        // Cancel only once the call runs: a call cancelled while still queued is dropped unrun (see the next test).
        await Signals.Get("turn-waiting/" + key).Task.Within("grain started waiting");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Within("cancelled call"));
        await Signals.Get("turn-cancelled/" + key).Task.Within("grain saw the cancellation");
    }

    [Fact]
    public async Task Cancellation_WhileQueued_CallerSeesCancellationAndTheCallNeverRuns()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<ITurnGrain>(key);
        var blocked = grain.BlockAsync();
        await Signals.Get("turn-blocked/" + key).Task.Within("blocked request");
        using var cts = new CancellationTokenSource();
        var queued = grain.WaitForCancellationAsync(cts.Token);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.Within("cancelled queued call"));
        await grain.ReleaseInterleavedAsync().Within("release the grain");
        await blocked.Within("blocked request finishes");
        await grain.AppendAsync(1).Within("a later call runs");

        // Turns run in order, so had the cancelled call run, it would have signalled before the later call.
        Assert.False(Signals.Get("turn-waiting/" + key).Task.IsCompleted, "the cancelled call should not have run");
    }

    [Fact]
    public async Task StatelessWorker_ConcurrentCalls_RunInSeparateActivations()
    {
        var worker = Grains.GetGrain<IWorkerGrain>("tools");
        var rendezvous = "meet/" + NewKey();

        // Each call waits until both have arrived: that completes only if two activations run them.
        var results = await Task.WhenAll(worker.MeetAsync(rendezvous, 2), worker.MeetAsync(rendezvous, 2)).Within("two workers meeting");

        Assert.Equal(2, results.Distinct().Count());
    }

    [Fact]
    public async Task PersistentState_WrittenThenReactivated_IsReadBack()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<IProfileGrain>(key);
        Assert.False(await grain.RecordExistsAsync().Within("fresh state"));
        await grain.SetNameAsync("Ada").Within("write");
        await grain.DeactivateAsync().Within("deactivate");
        await Signals.Get("profile-deactivated/" + key).Task.Within("deactivation");

        var state = await grain.GetAsync().Within("read after reactivation");

        Assert.True(await grain.RecordExistsAsync().Within("record exists"));
        Assert.Equal("Ada", state.Name);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task PersistentState_Cleared_IsGoneAfterReactivation()
    {
        var key = NewKey();
        var grain = Grains.GetGrain<IProfileGrain>(key);
        await grain.SetNameAsync("Grace").Within("write");
        await grain.ClearAsync().Within("clear");
        await grain.DeactivateAsync().Within("deactivate");
        await Signals.Get("profile-deactivated/" + key).Task.Within("deactivation");

        var state = await grain.GetAsync().Within("read after reactivation");

        Assert.Null(state.Name);
        Assert.False(await grain.RecordExistsAsync().Within("record exists"));
    }
}

public sealed class GrainCallTests_Local(SiloFixture fixture) : GrainCallTests(fixture), IClassFixture<SiloFixture>
{
    [Fact]
    public async Task LocalCall_Arguments_ArePassedByReference()
    {
        var grain = Grains.GetGrain<ICounterGrain>(NewKey());
        var payload = new Payload("same", [1]);
        await grain.EchoAsync(payload).Within("echo");

        Assert.True(await grain.IsSameInstanceAsync(payload).Within("identity check"));
    }
}

public sealed class GrainCallTests_Serialized(SerializingSiloFixture fixture) : GrainCallTests(fixture), IClassFixture<SerializingSiloFixture>
{
    [Fact]
    public async Task SerializedCall_Arguments_ArriveAsCopies()
    {
        var grain = Grains.GetGrain<ICounterGrain>(NewKey());
        var payload = new Payload("copied", [1]);
        var echoed = await grain.EchoAsync(payload).Within("echo");

        Assert.NotSame(payload, echoed);
        Assert.False(await grain.IsSameInstanceAsync(payload).Within("identity check"));
    }
}
