using Microsoft.Extensions.Logging;
using Orleans.Storage;
using RealtimeGrains.Sessions.Leases;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Strict single ownership. Before it opens an upstream socket an activation waits until the previous owner's silo lease
/// has ended, then stamps the state with its own lease and the next epoch in an ETag-conditional write: from then on every
/// write of a previous owner fails its ETag check. The activation closes its upstream the moment its silo's lease ends or
/// a write of its own finds a newer owner, tells its clients the session moved, and deactivates. A clean deactivation
/// clears the owner (after the upstream closed), so the next silo need not wait.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private SiloLeaseTicket? _ticket;
    private CancellationTokenRegistration _leaseLost;
    private bool _fenced;

    /// <summary>Whether this activation may still act for the session (always, when leases are off).</summary>
    private bool OwnsSession => _ticket is null || (!_fenced && _lease.IsValid(_ticket));

    private async Task TakeOwnershipAsync(CancellationToken cancellationToken)
    {
        if (!_options.Lease.Enabled)
        {
            return;
        }

        var ticket = await _lease.AcquireAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (State.Owner is { } previous && !_lease.IsMine(previous))
            {
                var waited = await _lease.WaitForEndAsync(previous, cancellationToken);
                LogTakingOver(_logger, _sessionId, previous.Silo, previous.Incarnation, State.Epoch, waited.TotalMilliseconds);
                if (waited > TimeSpan.Zero)
                {
                    // The previous owner may have written while it still held the session: start from what it left.
                    await _persisted.ReadStateAsync(cancellationToken);
                }
            }

            State.Owner = ticket.Owner;
            State.Epoch++;
            try
            {
                await _persisted.WriteStateAsync(cancellationToken);
                break;
            }
            catch (InconsistentStateException) when (attempt < 3)
            {
                // Another activation wrote between our read and our write: read again and re-check who owns it.
                await _persisted.ReadStateAsync(cancellationToken);
            }
        }

        _ticket = ticket;
        LogOwned(_logger, _sessionId, ticket.Owner.Silo, ticket.Owner.Incarnation, State.Epoch);
        _leaseLost = ticket.Lost.Register(static state => ((RealtimeSessionGrain)state!).OnLeaseLost(), this);
    }

    /// <summary>On the thread that ended the lease: abort the sockets now (abort is thread-safe), then finish on the grain.</summary>
    private void OnLeaseLost()
    {
        _upstream?.Abort();
        _standby?.Abort();
        _ = RunTurnSafeAsync(() => LoseOwnershipAsync("this silo's session lease ended before it was renewed"));
    }

    /// <summary>Stops acting for the session: no upstream, no writes; clients are told to reconnect (they land on the new owner).</summary>
    private async Task LoseOwnershipAsync(string why)
    {
        if (_fenced)
        {
            return;
        }

        _fenced = true;
        LogOwnershipLost(_logger, _sessionId, State.Epoch, why);
        _upstream?.Abort();
        _standby?.Abort();
        CloseUpstream();
        _persistStopped = true;
        _dirty = false;
        await NotifyAsync(new SessionEvent(SessionEventKind.Status, "session.moved") { Detail = "The session moved to another server; reconnect to resume it." });
        _closing = true;
        _idleTimer?.Dispose();
        DeactivateOnIdle();
    }

    /// <summary>Clears the owner so the next activation (on any silo) takes the session at once; only after the upstream closed.</summary>
    private void ReleaseOwnership()
    {
        if (_ticket is not null && OwnsSession && State.Owner is { } owner && owner.Silo == _ticket.Owner.Silo && owner.Incarnation == _ticket.Owner.Incarnation)
        {
            State.Owner = null;
        }

        _leaseLost.Dispose();
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Session {SessionId}: taking over from silo {Silo} (lease incarnation {Incarnation}, epoch {Epoch}) after waiting {WaitedMs:0} ms for its lease to end")]
    private static partial void LogTakingOver(ILogger logger, string sessionId, string silo, int incarnation, long epoch, double waitedMs);

    [LoggerMessage(EventId = 241, Level = LogLevel.Debug, Message = "Session {SessionId}: owned by silo {Silo} (lease incarnation {Incarnation}), epoch {Epoch}")]
    private static partial void LogOwned(ILogger logger, string sessionId, string silo, int incarnation, long epoch);

    [LoggerMessage(EventId = 242, Level = LogLevel.Warning, Message = "Session {SessionId}: no longer the owner (epoch {Epoch}): {Why}; upstream closed, clients told to reconnect")]
    private static partial void LogOwnershipLost(ILogger logger, string sessionId, long epoch, string why);
}
