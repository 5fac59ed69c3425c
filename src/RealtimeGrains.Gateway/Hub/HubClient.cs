using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>
/// One SignalR connection's attachment: server events queued in order and pushed by one pump to that connection
/// (<c>serverEvent</c>, a GA-shaped Realtime JSON string), its rate limiter and its reported playback positions.
/// </summary>
internal sealed class HubClient : IRealtimeSessionSink, IAsyncDisposable
{
    public const string ServerEventMethod = "serverEvent";
    public const string SessionClosedMethod = "sessionClosed";
    public const string FlushMethod = "flush";

    private readonly Channel<(string Method, object?[] Args)> _outbound =
        Channel.CreateBounded<(string, object?[])>(new BoundedChannelOptions(4096) { SingleReader = true });

    private readonly IHubContext<RealtimeHub> _hub;
    private readonly ILogger _logger;
    private readonly Task _pump;
    private IRealtimeSessionAttachment? _attachment;

    public HubClient(string connectionId, IHubContext<RealtimeHub> hub, GatewayOptions options, ILogger logger)
    {
        ConnectionId = connectionId;
        _hub = hub;
        _logger = logger;
        Limiter = ConnectionRateLimiter.Create(options);
        _pump = PumpAsync();
    }

    public string ConnectionId { get; }

    public RateLimiter Limiter { get; }

    public IRealtimeSessionAttachment Attachment => _attachment ?? throw new HubException("Not attached to a session; call Attach first.");

    public bool IsAttached => _attachment is not null;

    /// <summary>Played milliseconds of assistant audio per item, as the client reports them.</summary>
    public Dictionary<string, int> PlayedMs { get; } = new(StringComparer.Ordinal);

    public void Bind(IRealtimeSessionAttachment attachment)
    {
        _attachment = attachment;
        foreach (var initial in InitialEvents.For(attachment, ProtocolDialect.GA))
        {
            OnServerEvent(initial);
        }
    }

    public void OnServerEvent(ServerEvent serverEvent)
    {
        if (RealtimeProtocol.ToJsonString(serverEvent, ProtocolDialect.GA) is { } json && !_outbound.Writer.TryWrite((ServerEventMethod, [json])))
        {
            _outbound.Writer.TryComplete();
        }
    }

    public void OnFlush(string? itemId, int? audioEndMs) => _outbound.Writer.TryWrite((FlushMethod, [itemId, audioEndMs]));

    public void OnSessionClosed(string reason)
    {
        _outbound.Writer.TryWrite((SessionClosedMethod, [reason]));
        _outbound.Writer.TryComplete();
    }

    /// <summary>Sends an <c>error</c> server event to this client only.</summary>
    public void SendError(ProtocolError error) => OnServerEvent(ErrorEvent.From(error));

    private async Task PumpAsync()
    {
        await foreach (var (method, args) in _outbound.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _hub.Clients.Client(ConnectionId).SendCoreAsync(method, args).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
            {
                GatewayLog.ClientFailed(_logger, ex, ConnectionId, _attachment?.SessionId ?? "-");
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        if (_attachment is not null)
        {
            await _attachment.DisposeAsync().ConfigureAwait(false);
        }

        await _pump.ConfigureAwait(false);
        Limiter.Dispose();
    }
}
