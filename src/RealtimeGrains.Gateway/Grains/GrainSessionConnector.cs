using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>
/// The <see cref="IRealtimeSessionConnector"/> over session grains: one observer reference per attached client. An attach
/// that meets a silo being declared dead, or a session whose previous owner's lease has not ended yet, is retried with
/// backoff until <see cref="AttachTimeout"/>.
/// </summary>
internal sealed class GrainSessionConnector(
    IGrainFactory grains,
    IOptions<RealtimeSessionsOptions> sessions,
    IOptions<GatewayOptions> gateway,
    [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time)
    : IRealtimeSessionConnector
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(20);

    /// <summary>One try's deadline: a call stuck on a silo that is frozen or gone is tried again rather than waited out.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    public async Task<IRealtimeSessionAttachment> AttachAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        using var span = GatewayTelemetry.StartAttach(grant.SessionId);
        try
        {
            return await AttachWithRetriesAsync(grant, sink, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            GatewayTelemetry.AttachFailed(span, ex);
            throw;
        }
    }

    private async Task<IRealtimeSessionAttachment> AttachWithRetriesAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AttachTimeout);
        var retryIn = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            attempt.CancelAfter(AttemptTimeout);
            try
            {
                return await AttachOnceAsync(grant, sink, attempt.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when ((IsTransient(ex) || (ex is OperationCanceledException && attempt.IsCancellationRequested)) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(retryIn, deadline.Token).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                retryIn = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, retryIn.Ticks * 2));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (IsTransient(ex) || ex is OrleansException or InvalidOperationException or OperationCanceledException)
            {
                throw new SessionUnavailableException("The session could not be attached.", ex);
            }
        }
    }

    /// <summary>Failures another try can mend: a silo on its way out, an activation that waited for a lease, a lost message.</summary>
    private static bool IsTransient(Exception ex) =>
        ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or Sessions.Leases.SessionLeaseHeldException;

    private async Task<IRealtimeSessionAttachment> AttachOnceAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRealtimeSessionGrain>(grant.SessionId);
        if (grant.SessionConfigJson is { } json && SessionConfigCheck.ToSettings(json, ProtocolDialect.Beta) is { } settings)
        {
            await grain.ConfigureAsync(settings).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var observer = new GatewaySessionObserver(grant.SessionId, sink);
        var reference = grains.CreateObjectReference<IRealtimeSessionObserver>(observer);
        var attach = grain.TryAttachAsync(reference, gateway.Value.MaxClientsPerSession);
        try
        {
            if (!await attach.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new SessionFullException($"The session already has {gateway.Value.MaxClientsPerSession} clients attached, the most it allows.");
            }

            var items = await observer.Conversation.WaitAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = await grain.GetConversationAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var session = SessionMapping.ToSessionConfig(grant.SessionId, snapshot.Settings, sessions.Value.Upstream.Deployment);
            return new GrainSessionAttachment(
                grains, grain, observer, reference, grant.SessionId, session, [.. items.Select(SessionMapping.ToItem)], gateway.Value.SessionKeepAliveInterval, time);
        }
        catch
        {
            // An abandoned try (timed out, or the client left) may still attach later: detach once that call is done, so the
            // grain is not left sending to a reference nobody holds (and kept alive by it).
            _ = attach.ContinueWith(
                attached => grain.DetachAsync(reference).ContinueWith(
                    detached =>
                    {
                        _ = attached.Exception ?? detached.Exception; // observed: neither may fail the process
                        grains.DeleteObjectReference<IRealtimeSessionObserver>(reference);
                    },
                    TaskScheduler.Default),
                TaskScheduler.Default);
            throw;
        }
    }
}
