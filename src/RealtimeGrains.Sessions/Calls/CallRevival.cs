using Microsoft.Extensions.Logging;
using RealtimeGrains.Sessions.Leases;

namespace RealtimeGrains.Sessions.Calls;

/// <summary>
/// Brings the sessions on WebRTC calls back after a silo dies (and when a silo starts, after the whole cluster went
/// down): their browsers talk to the model service, not to a silo, so no client would activate them again. On start and
/// whenever the membership shows a newly dead silo, this reads the <see cref="ICallRegistryGrain"/> shards and asks each
/// session to make sure it is on its call (<see cref="IRealtimeSessionGrain.EnsureCallAsync"/>): a session whose activation
/// died is activated here and goes back onto its call's sideband; a live one only answers. Idempotent: every silo does it.
/// </summary>
internal sealed partial class CallRevival(IClusterMembershipService membership, IGrainFactory grains, ILogger<CallRevival> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Parallelism = 16;
    private const int Attempts = 8;
    private readonly CancellationTokenSource _stopping = new();
    private Task _watch = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CallRevival), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watch.WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (first || newlyDead.Count > 0)
                {
                    first = false;
                    _ = ReviveAsync(newlyDead.Count, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReviveAsync(int deadSilos, CancellationToken cancellationToken)
    {
        try
        {
            var sessions = new List<(int Shard, string Id)>();
            for (var shard = 0; shard < CallRegistry.Shards; shard++)
            {
                var ids = await grains.GetGrain<ICallRegistryGrain>(shard).ListAsync().WaitAsync(cancellationToken);
                sessions.AddRange(ids.Select(id => (shard, id)));
            }

            if (sessions.Count == 0)
            {
                return;
            }

            LogReviving(logger, sessions.Count, deadSilos);
            await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (entry, token) =>
            {
                if (!await EnsureAsync(entry.Id, token))
                {
                    await grains.GetGrain<ICallRegistryGrain>(entry.Shard).RemoveAsync(entry.Id).WaitAsync(token);
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRevivalFailed(logger, ex);
        }
    }

    /// <summary>Whether the session is (back) on its call; retried while its old owner's lease runs out or the cluster settles.</summary>
    private async Task<bool> EnsureAsync(string sessionId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grains.GetGrain<IRealtimeSessionGrain>(sessionId).EnsureCallAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && ex is SessionLeaseHeldException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, delay.Ticks * 2));
            }
        }
    }

    [LoggerMessage(EventId = 280, Level = LogLevel.Information, Message = "{Count} sessions on WebRTC calls: making sure each is on its call ({DeadSilos} silos newly dead)")]
    private static partial void LogReviving(ILogger logger, int count, int deadSilos);

    [LoggerMessage(EventId = 281, Level = LogLevel.Warning, Message = "Bringing the sessions on WebRTC calls back failed")]
    private static partial void LogRevivalFailed(ILogger logger, Exception exception);
}
