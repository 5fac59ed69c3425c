using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Gateway;

/// <summary>
/// Interim session backend until the session grain lands: one upstream socket per session id shared by every
/// attached client, server events fanned out in order, the conversation kept in memory for resuming clients.
/// One reader and one writer (a channel) per socket.
/// </summary>
internal sealed class RelaySession : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RelayAttachment> _attachments = [];
    private readonly List<RealtimeItem> _items = [];
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly ClientWebSocket _socket;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly Action<RelaySession> _onClosed;
    private SessionConfig _session = new();
    private ITimer? _idleTimer;
    private Task _loops = Task.CompletedTask;
    private bool _closed;

    private RelaySession(string sessionId, ClientWebSocket socket, ILogger logger, TimeProvider time, TimeSpan idleTimeout, Action<RelaySession> onClosed)
    {
        SessionId = sessionId;
        _socket = socket;
        _logger = logger;
        _time = time;
        _idleTimeout = idleTimeout;
        _onClosed = onClosed;
    }

    public string SessionId { get; }

    public static async Task<RelaySession> StartAsync(
        string sessionId, UpstreamDialer dialer, ILogger logger, TimeProvider time, TimeSpan idleTimeout, TimeSpan connectTimeout,
        Action<RelaySession> onClosed, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectTimeout);
        var socket = await dialer.ConnectAsync(deadline.Token).ConfigureAwait(false);
        var session = new RelaySession(sessionId, socket, logger, time, idleTimeout, onClosed);
        session._loops = Task.WhenAll(session.ReceiveLoopAsync(), session.SendLoopAsync());
        try
        {
            await session._created.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        GatewayLog.UpstreamConnected(logger, sessionId, dialer.KindName);
        return session;
    }

    public RelayAttachment Attach(IRealtimeSessionSink sink, int maxClients)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new SessionUnavailableException("The session has ended.");
            }

            if (_attachments.Count >= maxClients)
            {
                throw new SessionUnavailableException("The session has too many attached clients.");
            }

            _idleTimer?.Dispose();
            _idleTimer = null;
            var attachment = new RelayAttachment(this, sink, _session.Clone(), [.. _items]);
            _attachments.Add(attachment);
            return attachment;
        }
    }

    public void Detach(RelayAttachment attachment)
    {
        lock (_gate)
        {
            if (_attachments.Remove(attachment) && _attachments.Count == 0 && !_closed)
            {
                _idleTimer = _time.CreateTimer(_ => OnIdle(), null, _idleTimeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public ValueTask SendAsync(ClientEvent clientEvent, CancellationToken cancellationToken)
    {
        var bytes = RealtimeProtocol.ToUtf8Bytes(clientEvent, ProtocolDialect.GA);
        if (bytes is null)
        {
            return ValueTask.CompletedTask;
        }

        return _outbound.Writer.TryWrite(bytes) ? ValueTask.CompletedTask : _outbound.Writer.WriteAsync(bytes, cancellationToken);
    }

    private void OnIdle()
    {
        lock (_gate)
        {
            if (_attachments.Count > 0 || _closed)
            {
                return;
            }
        }

        GatewayLog.RelayIdleClosed(_logger, SessionId);
        _ = DisposeAsync().AsTask();
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        try
        {
            var reader = new WebSocketMessageReader(_socket, ProtocolLimits.Default.MaxFrameBytes);
            while (await reader.ReadAsync(_stop.Token).ConfigureAwait(false) is not MessageReadStatus.Closed and var status)
            {
                if (status != MessageReadStatus.Message)
                {
                    continue;
                }

                var parsed = RealtimeProtocol.ParseServerEvent(reader.Message.Span, ProtocolDialect.GA);
                if (parsed.Event is { } serverEvent)
                {
                    Dispatch(serverEvent);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            failure = ex;
        }

        if (!_stop.IsCancellationRequested)
        {
            GatewayLog.UpstreamFailed(_logger, failure, SessionId);
        }

        Close("The upstream session ended.");
    }

    private void Dispatch(ServerEvent serverEvent)
    {
        RelayAttachment[] targets;
        lock (_gate)
        {
            Track(serverEvent);
            targets = [.. _attachments];
        }

        foreach (var target in targets)
        {
            target.Sink.OnServerEvent(serverEvent);
        }

        (serverEvent as IDisposable)?.Dispose();
    }

    private void Track(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case SessionCreatedEvent { Session: { } created }:
                _session = created;
                _created.TrySetResult();
                break;
            case SessionUpdatedEvent { Session: { } updated }:
                _session = updated;
                break;
            case ConversationItemAddedEvent { Item: { } item }:
                Upsert(item);
                break;
            case ConversationItemDoneEvent { Item: { } item }:
                Upsert(item);
                break;
            case ResponseOutputItemDoneEvent { Item: { } item }:
                Upsert(item);
                break;
            case ConversationItemDeletedEvent deleted:
                _items.RemoveAll(i => i.Id == deleted.ItemId);
                break;
            case ConversationItemInputAudioTranscriptionCompletedEvent transcribed:
                var part = _items.Find(i => i.Id == transcribed.ItemId)?.Content?.ElementAtOrDefault(transcribed.ContentIndex ?? 0);
                if (part is not null)
                {
                    part.Transcript = transcribed.Transcript;
                }

                break;
        }
    }

    private void Upsert(RealtimeItem item)
    {
        var index = _items.FindIndex(i => i.Id == item.Id);
        if (index >= 0)
        {
            // Keep a transcript learnt earlier if the newer copy has none.
            _items[index] = item;
        }
        else
        {
            _items.Add(item);
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var bytes in _outbound.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            GatewayLog.UpstreamFailed(_logger, ex, SessionId);
            Close("The upstream session ended.");
        }
    }

    private void Close(string reason)
    {
        RelayAttachment[] targets;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _idleTimer?.Dispose();
            targets = [.. _attachments];
            _attachments.Clear();
        }

        _created.TrySetException(new SessionUnavailableException(reason));
        _onClosed(this);
        foreach (var target in targets)
        {
            target.Sink.OnSessionClosed(reason);
        }

        _outbound.Writer.TryComplete();
        _stop.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        Close("The session was closed.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }

        _socket.Abort();
        await _loops.ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }
}
