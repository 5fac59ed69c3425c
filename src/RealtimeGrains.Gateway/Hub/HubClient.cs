using System.Threading.Channels;
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
    public const string SessionMovedMethod = "sessionMoved";

    private readonly Channel<(string Method, object?[] Args)> _outbound =
        Channel.CreateBounded<(string, object?[])>(new BoundedChannelOptions(4096) { SingleReader = true });

    private readonly List<(string Method, object?[] Args)> _early = [];
    private readonly IHubContext<RealtimeHub> _hub;
    private readonly ILogger _logger;
    private readonly Task _pump;
    private readonly long _maxQueuedBytes;
    private readonly Action? _abort;
    private IRealtimeSessionAttachment? _attachment;
    private long _queuedBytes;

    public HubClient(string connectionId, IHubContext<RealtimeHub> hub, GatewayOptions options, TimeProvider time, ILogger logger, Action? abort = null)
    {
        ConnectionId = connectionId;
        _maxQueuedBytes = options.MaxClientQueueBytes;
        _abort = abort;
        _hub = hub;
        _logger = logger;
        Limiter = new ConnectionRateLimiter(options, time);
        AudioPacer = new AudioPacer(options, time);
        _pump = PumpAsync();
    }

    public string ConnectionId { get; }

    public ConnectionRateLimiter Limiter { get; }

    /// <summary>Keeps this connection's input audio at most <see cref="GatewayOptions.MaxAudioSpeed"/> times real time.</summary>
    public AudioPacer AudioPacer { get; }

    public IRealtimeSessionAttachment Attachment => _attachment ?? throw new HubException("Not attached to a session; call Attach first.");

    public bool IsAttached => _attachment is not null;

    /// <summary>Whether the session told this client to reconnect: the connection may attach again (with its resume token).</summary>
    public bool HasMoved { get; private set; }

    /// <summary>Played milliseconds of assistant audio per item, as the client reports them.</summary>
    public Dictionary<string, int> PlayedMs { get; } = new(StringComparer.Ordinal);

    /// <summary>Binds the attachment: the client gets <c>session.created</c> and the conversation first, then what arrived meanwhile.</summary>
    public void Bind(IRealtimeSessionAttachment attachment)
    {
        lock (_early)
        {
            _attachment = attachment;
            foreach (var initial in InitialEvents.For(attachment, ProtocolDialect.GA))
            {
                Enqueue(ServerEventMethod, RealtimeProtocol.ToJsonString(initial, ProtocolDialect.GA));
            }

            foreach (var (method, args) in _early)
            {
                Enqueue(method, args);
            }

            _early.Clear();
        }
    }

    public void OnServerEvent(ServerEvent serverEvent) => Enqueue(ServerEventMethod, RealtimeProtocol.ToJsonString(serverEvent, ProtocolDialect.GA));

    private void Enqueue(string method, params object?[] args)
    {
        if (args is [null])
        {
            return;
        }

        lock (_early)
        {
            if (_attachment is null)
            {
                _early.Add((method, args));
                return;
            }
        }

        // A client that does not read (more than Gateway:MaxClientQueueBytes waiting) loses its connection, never the session.
        var queued = Interlocked.Add(ref _queuedBytes, Size(args));
        if (queued > _maxQueuedBytes || !_outbound.Writer.TryWrite((method, args)))
        {
            if (_outbound.Writer.TryComplete())
            {
                GatewayLog.SlowClientDropped(_logger, ConnectionId, _attachment?.SessionId ?? "-", queued);
                _abort?.Invoke();
            }
        }
    }

    private static long Size(object?[] args) => args is [string json, ..] ? json.Length : 64;

    public void OnFlush(string? itemId, int? audioEndMs) => Enqueue(FlushMethod, itemId, audioEndMs);

    public void OnSessionClosed(string reason, bool failed = false)
    {
        Enqueue(SessionClosedMethod, reason);
        lock (_early)
        {
            if (_attachment is not null)
            {
                _outbound.Writer.TryComplete();
            }
        }
    }

    /// <summary>Sends <c>sessionMoved(reason)</c>: the client attaches again with its resume token (on this connection or a new one).</summary>
    public void OnSessionMoved(string reason)
    {
        HasMoved = true;
        Enqueue(SessionMovedMethod, reason);
        lock (_early)
        {
            if (_attachment is not null)
            {
                _outbound.Writer.TryComplete();
            }
        }
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
                Interlocked.Add(ref _queuedBytes, -Size(args));
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
    }
}
