using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Leases;

/// <summary>
/// This silo's lease on the sessions it owns: one record in the state store (provider <c>Default</c>), written only by this
/// silo, renewed every <see cref="SessionLeaseOptions.RenewEvery"/> with ETag-conditional writes. The lease is held locally
/// until <c>last successful renewal start + Duration − MaxClockSkew</c> (monotonic clock); at that moment, renewed or not,
/// a watchdog ends the incarnation: <see cref="SiloLeaseTicket.Lost"/> is cancelled and every session taken under it closes
/// its upstream socket — before the stored expiry, which a taker waits out (plus the skew). The next incarnation starts
/// only after the old one's stored expiry has passed. A clean stop deletes the record (after the session grains
/// deactivated): takers treat a missing or <see cref="SiloLeaseRecord.Released"/> record alike and need not wait.
/// </summary>
internal sealed partial class SiloLease : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const string StateName = "silo-lease";
    private static readonly GrainType LeaseType = GrainType.Create("rg-silo-lease");
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    private readonly IServiceProvider _services;
    private readonly SessionLeaseOptions _options;
    private readonly ILogger<SiloLease> _logger;
    private readonly TimeProvider _wall = TimeProvider.System;
    private readonly GrainState<SiloLeaseRecord> _record = new(new SiloLeaseRecord());
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private IGrainStorage? _storage;
    private CancellationTokenSource _incarnation = new();
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _validUntil; // Stopwatch timestamp
    private ITimer? _watchdog;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    public SiloLease(IServiceProvider services, ILocalSiloDetails silo, IOptions<RealtimeSessionsOptions> options, ILogger<SiloLease> logger)
    {
        _services = services;
        _options = options.Value.Lease;
        _logger = logger;
        SiloKey = KeyOf(silo.SiloAddress.ToParsableString());
        SiloName = silo.Name;
    }

    /// <summary>This silo's key in lease records and session owners.</summary>
    public string SiloKey { get; }

    /// <summary>This silo's configured name.</summary>
    public string SiloName { get; }

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Taken once the silo is active (storage providers that are grains answer only then); released after the session
        // grains deactivated (stop runs from the highest stage down: BecomeActive deactivates every grain first).
        lifecycle.Subscribe(nameof(SiloLease), ServiceLifecycleStage.Active, StartAsync, _ => Task.CompletedTask);
        lifecycle.Subscribe(nameof(SiloLease) + ".Release", ServiceLifecycleStage.ApplicationServices + 1, _ => Task.CompletedTask, ReleaseAsync);
    }

    /// <summary>Waits until this silo holds its lease and returns the ticket of the current incarnation.</summary>
    public async Task<SiloLeaseTicket> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task held;
            lock (_gate)
            {
                if (_held.Task.IsCompletedSuccessfully && !_incarnation.IsCancellationRequested)
                {
                    return new SiloLeaseTicket(new SessionOwner { Silo = SiloKey, Incarnation = _record.State!.Incarnation }, _incarnation.Token);
                }

                held = _held.Task;
            }

            await held.WaitAsync(_options.TakeoverTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="ticket"/> still holds (its incarnation is current and renewed in time).</summary>
    public bool IsValid(SiloLeaseTicket ticket) => !ticket.Lost.IsCancellationRequested && Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil);

    /// <summary>Whether <paramref name="owner"/> is this silo's current incarnation.</summary>
    public bool IsMine(SessionOwner owner)
    {
        lock (_gate)
        {
            return owner.Silo == SiloKey && owner.Incarnation == _record.State!.Incarnation && !_incarnation.IsCancellationRequested;
        }
    }

    /// <summary>
    /// Waits until the lease under which <paramref name="owner"/> took a session has ended: the owner released it, started a
    /// new incarnation, or its stored expiry (plus the allowed skew) passed. Fails with <see cref="SessionLeaseHeldException"/>
    /// after <see cref="SessionLeaseOptions.TakeoverTimeout"/>.
    /// </summary>
    public async Task<TimeSpan> WaitForEndAsync(SessionOwner owner, CancellationToken cancellationToken)
    {
        if (owner.Silo == SiloKey)
        {
            // This process took it: that activation is gone (one per silo), or its incarnation was fenced already.
            return TimeSpan.Zero;
        }

        var waited = Stopwatch.StartNew();
        while (true)
        {
            var record = new GrainState<SiloLeaseRecord>(new SiloLeaseRecord());
            await Storage.ReadStateAsync(StateName, GrainIdOf(owner.Silo), record).ConfigureAwait(false);
            var lease = record.State;
            if (!record.RecordExists || lease is null || lease.Released || lease.Incarnation != owner.Incarnation)
            {
                return waited.Elapsed;
            }

            var remaining = lease.ExpiresAt + _options.MaxClockSkew - _wall.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return waited.Elapsed;
            }

            if (waited.Elapsed > _options.TakeoverTimeout)
            {
                throw new SessionLeaseHeldException(
                    $"Silo {owner.Silo} still holds its lease (incarnation {owner.Incarnation}, renewed until {lease.ExpiresAt:O}) after {_options.TakeoverTimeout}.");
            }

            await Task.Delay(remaining < PollEvery ? remaining : PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // Registered twice (itself and as a lifecycle participant), so disposed twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _watchdog?.Dispose();
        _stop.Dispose();
    }

    private IGrainStorage Storage => _storage ??= _services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    private static string KeyOf(string siloAddress) =>
        string.Concat(siloAddress.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static GrainId GrainIdOf(string siloKey) => GrainId.Create(LeaseType, siloKey);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _watchdog = _wall.CreateTimer(_ => OnWatchdog(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _record.State!.Silo = SiloKey;
            _record.State.Incarnation = 1;
        }

        // The first write must succeed: a silo that cannot reach its state store cannot own sessions.
        await RenewAsync(cancellationToken).ConfigureAwait(false);
        LogTaken(_logger, SiloKey, _record.State!.Incarnation, _options.Duration);
        _loop = RenewLoopAsync(_stop.Token);
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RenewEvery, stop).ConfigureAwait(false);
                if (_incarnation.IsCancellationRequested)
                {
                    await StartNextIncarnationAsync(stop).ConfigureAwait(false);
                    continue;
                }

                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
                attempt.CancelAfter(_options.Duration);
                await RenewAsync(attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed renewal is retried; the watchdog ends the lease if none succeeds in time.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRenewFailed(_logger, SiloKey, ex.Message);
            }
        }
    }

    /// <summary>One conditional write of the record; on success the lease holds locally until start + Duration − skew.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _record.State!.ExpiresAt = _wall.GetUtcNow() + _options.Duration;
            _record.State.Released = false;
        }

        await Storage.WriteStateAsync(StateName, GrainIdOf(SiloKey), _record).WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_incarnation.IsCancellationRequested)
            {
                // The watchdog ended this incarnation while the write was in flight: the next one starts after expiry.
                return;
            }

            var until = started + (long)((_options.Duration - _options.MaxClockSkew).TotalSeconds * Stopwatch.Frequency);
            Volatile.Write(ref _validUntil, until);
            _watchdog?.Change(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until) is var due && due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            _held.TrySetResult();
        }
    }

    private void OnWatchdog()
    {
        CancellationTokenSource lost;
        lock (_gate)
        {
            if (Stopwatch.GetTimestamp() < Volatile.Read(ref _validUntil) || _incarnation.IsCancellationRequested)
            {
                return;
            }

            lost = _incarnation;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        LogLost(_logger, SiloKey, _record.State!.Incarnation);
        lost.Cancel();
    }

    /// <summary>After a lost incarnation: wait out its stored expiry (no taker acts before), then take the next one.</summary>
    private async Task StartNextIncarnationAsync(CancellationToken stop)
    {
        var wait = _record.State!.ExpiresAt + _options.MaxClockSkew - _wall.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, stop).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _incarnation.Dispose();
            _incarnation = new CancellationTokenSource();
            _record.State.Incarnation++;
        }

        await RenewAsync(stop).ConfigureAwait(false);
        LogTaken(_logger, SiloKey, _record.State.Incarnation, _options.Duration);
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _watchdog?.Dispose();
        if (!_held.Task.IsCompletedSuccessfully || _incarnation.IsCancellationRequested)
        {
            return;
        }

        try
        {
            // Cleared rather than marked: a taker treats a missing record as released, and a store does not collect one
            // lease record per silo start that ever ran.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(2));
            await Storage.ClearStateAsync(StateName, GrainIdOf(SiloKey), _record).WaitAsync(deadline.Token).ConfigureAwait(false);
            LogReleased(_logger, SiloKey);
        }
#pragma warning disable CA1031 // Best effort: takers wait out the expiry instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(_logger, SiloKey, ex.Message);
        }
        finally
        {
            _incarnation.Cancel();
        }
    }

    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "Silo {Silo}: session lease taken (incarnation {Incarnation}, {Duration} per renewal)")]
    private static partial void LogTaken(ILogger logger, string silo, int incarnation, TimeSpan duration);

    [LoggerMessage(EventId = 261, Level = LogLevel.Warning, Message = "Silo {Silo}: renewing the session lease failed: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, string silo, string reason);

    [LoggerMessage(EventId = 262, Level = LogLevel.Error, Message = "Silo {Silo}: the session lease (incarnation {Incarnation}) was not renewed in time; closing the upstream of every session it held")]
    private static partial void LogLost(ILogger logger, string silo, int incarnation);

    [LoggerMessage(EventId = 263, Level = LogLevel.Information, Message = "Silo {Silo}: session lease released")]
    private static partial void LogReleased(ILogger logger, string silo);

    [LoggerMessage(EventId = 264, Level = LogLevel.Warning, Message = "Silo {Silo}: releasing the session lease failed ({Reason}); other silos wait for it to expire")]
    private static partial void LogReleaseFailed(ILogger logger, string silo, string reason);
}
