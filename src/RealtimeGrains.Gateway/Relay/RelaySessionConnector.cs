using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>The interim <see cref="IRealtimeSessionConnector"/>: relay sessions held in this process, keyed by session id.</summary>
internal sealed class RelaySessionConnector(
    UpstreamDialer dialer, IOptions<UpstreamOptions> upstream, IOptions<GatewayOptions> gateway, TimeProvider time, ILogger<RelaySessionConnector> logger)
    : IRealtimeSessionConnector, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RelaySession>>> _sessions = new(StringComparer.Ordinal);

    public async Task<IRealtimeSessionAttachment> AttachAsync(ClientTokenGrant grant, IRealtimeSessionSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var session = await GetOrStartAsync(grant.SessionId, cancellationToken).ConfigureAwait(false);
        var attachment = session.Attach(sink, gateway.Value.MaxClientsPerSession);
        if (grant.SessionConfigJson is { } json)
        {
            var parsed = RealtimeProtocol.ParseClientEvent(Encoding.UTF8.GetBytes($$"""{"type":"session.update","session":{{json}}}"""), ProtocolDialect.Beta);
            if (parsed.Event is SessionUpdateEvent update)
            {
                // Minted configurations are beta-shaped; the GA upstream requires the session type.
                update.Session ??= new SessionConfig();
                update.Session.Type ??= SessionTypes.Realtime;
                await attachment.SendAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }

        return attachment;
    }

    private async Task<RelaySession> GetOrStartAsync(string sessionId, CancellationToken cancellationToken)
    {
        var options = upstream.Value;
        var lazy = _sessions.GetOrAdd(sessionId, id => new Lazy<Task<RelaySession>>(() => RelaySession.StartAsync(
            id, dialer, logger, time, options.SessionIdleTimeout, options.ConnectTimeout, closed => Remove(closed), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or SessionUnavailableException or InvalidOperationException
                                   && !cancellationToken.IsCancellationRequested)
        {
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<RelaySession>>>(sessionId, lazy));
            GatewayLog.UpstreamFailed(logger, ex, sessionId);
            throw new SessionUnavailableException("The session could not be started upstream.", ex);
        }
    }

    private void Remove(RelaySession session)
    {
        foreach (var (id, lazy) in _sessions)
        {
            if (id == session.SessionId && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, session))
            {
                _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<RelaySession>>>(id, lazy));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _sessions.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
