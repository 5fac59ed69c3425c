using System.Text;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Gateway;

/// <summary>The <see cref="IRealtimeSessionConnector"/> over session grains: one observer reference per attached client.</summary>
internal sealed class GrainSessionConnector(IGrainFactory grains, IOptions<RealtimeSessionsOptions> sessions) : IRealtimeSessionConnector
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(20);

    public async Task<IRealtimeSessionAttachment> AttachAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var grain = grains.GetGrain<IRealtimeSessionGrain>(grant.SessionId);
        if (grant.SessionConfigJson is { } json)
        {
            var parsed = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes($$"""{"type":"session.update","session":{{json}}}"""), ProtocolDialect.Beta);
            if (parsed.Event is SessionUpdateEvent { Session: { } config })
            {
                await grain.ConfigureAsync(SessionMapping.ToSettings(config)).WaitAsync(AttachTimeout, cancellationToken).ConfigureAwait(false);
            }
        }

        var observer = new GatewaySessionObserver(grant.SessionId, sink);
        var reference = grains.CreateObjectReference<IRealtimeSessionObserver>(observer);
        try
        {
            await grain.AttachAsync(reference).WaitAsync(AttachTimeout, cancellationToken).ConfigureAwait(false);
            var items = await observer.Conversation.WaitAsync(AttachTimeout, cancellationToken).ConfigureAwait(false);
            var snapshot = await grain.GetConversationAsync().WaitAsync(AttachTimeout, cancellationToken).ConfigureAwait(false);
            var session = SessionMapping.ToSessionConfig(grant.SessionId, snapshot.Settings, sessions.Value.Upstream.Deployment);
            return new GrainSessionAttachment(grains, grain, observer, reference, grant.SessionId, session, [.. items.Select(SessionMapping.ToItem)]);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OrleansException)
        {
            grains.DeleteObjectReference<IRealtimeSessionObserver>(reference);
            throw new SessionUnavailableException("The session could not be attached.", ex);
        }
    }
}
