using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>
/// One simulated Realtime session: conversation state, input audio buffer with server VAD, responses from the
/// scripted model. One receive loop and one send loop per socket; every state change happens under <see cref="_gate"/>,
/// taken by the receive loop, the response generators, the transcription timers and the expiry timer.
/// </summary>
internal sealed partial class RealtimeSession : IDisposable
{
    private readonly ConnectRequest _request;
    private readonly SessionSocket _socket;
    private readonly SimulatorOptions _options;
    private readonly ScriptedModel _model;
    private readonly SimulatorInspector _inspector;
    private readonly SimulatorFaults _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AudioPacer _pacer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<ConversationEntry> _items = [];
    private readonly List<ResponseRun> _outOfBand = [];
    private readonly List<VadEvent> _vadEvents = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SimulatorSessionRecord? _record;
    private readonly ProtocolDialect _dialect;
    private readonly string _sessionId;
    private readonly string _conversationId;
    private readonly DateTimeOffset _startedAt;
    private readonly TimeSpan _maxDuration;
    private readonly TimeSpan _expireAfter;
    private readonly InputAudioBuffer _inputBuffer = new();
    private double _bufferStartMs;
    private double _audioClockMs;
    private double _idleSinceMs;
    private ServerVad? _vad;
    private string? _pendingSpeechItemId;
    private ResponseRun? _active;
    private bool _audioProduced;
    private bool _expired;
    private long _tokensUsed;

    public RealtimeSession(ConnectRequest request, string sessionId, WebSocket socket, SimulatorOptions options, ScriptedModel model, SimulatorInspector inspector, AudioPacer pacer, TimeProvider time, ILogger logger)
    {
        _pacer = pacer;
        _request = request;
        _options = options;
        _model = model;
        _inspector = inspector;
        _faults = inspector.Faults;
        _time = time;
        _logger = logger;
        _socket = new SessionSocket(socket, options.MaxMessageBytes, _faults) { ReadDelay = _faults.DrawSlowRead() };
        _dialect = request.Beta ? ProtocolDialect.Beta : ProtocolDialect.GA;
        _sessionId = sessionId;
        _conversationId = ProtocolIds.NewConversationId();
        _startedAt = time.GetUtcNow();
        _maxDuration = _faults.MaxSessionDurationOverride ?? options.MaxSessionDuration;

        // An early expiry still announces the normal expires_at: the client cannot see it coming.
        _expireAfter = _faults.DrawEarlyExpiry() is { } early && early < _maxDuration ? early : _maxDuration;
        InitializeConfig();
        if (options.RecordSessions)
        {
            _record = new SimulatorSessionRecord(_sessionId, request.EndpointName, request.Beta, request.Model, _startedAt);
        }
    }

    /// <summary>Whether the session ended because the client did not answer a keep-alive ping in time.</summary>
    public bool KeepAliveTimedOut => _socket.KeepAliveTimedOut;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        _record?.AddConfig(SessionJson());
        _inspector.SessionOpened(_record);
        LogSessionStarted(_logger, _sessionId, _request.EndpointName, _request.Model, _request.Beta);
        var sendLoop = _socket.RunSendLoopAsync(linked.Token);
        using var expiry = _time.CreateTimer(static state => _ = ((RealtimeSession)state!).ExpireAsync(), this, _expireAfter, Timeout.InfiniteTimeSpan);
        try
        {
            await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                if (_options.DisableOpenAIBeta && _request.Beta && _request.Kind == RealtimeEndpointKind.OpenAI)
                {
                    EmitError(ProtocolErrors.Create(ProtocolErrorCodes.BetaApiShapeDisabled, "The Realtime Beta API is no longer supported."));
                    _expired = true;
                    _socket.Close(WebSocketCloseStatus.PolicyViolation, "Beta API disabled");
                    return;
                }

                ApplyVadSettings();
                EmitSessionCreated();
                if (_dialect == ProtocolDialect.Beta)
                {
                    EmitConversationCreated();
                }
            }
            finally
            {
                _gate.Release();
            }

            await _socket.RunReceiveLoopAsync(OnMessageAsync, OnInvalidMessageAsync, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Host shutdown or session end.
        }
        finally
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                _active?.Cancellation.Cancel();
                _outOfBand.ForEach(r => r.Cancellation.Cancel());
                _expired = true;
            }
            finally
            {
                _gate.Release();
            }

            _socket.Close(WebSocketCloseStatus.NormalClosure, "Session closed");

            // Let queued frames (an error, the close) go out before the loops are cancelled.
            await Task.WhenAny(sendLoop, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await sendLoop.ConfigureAwait(false);
            _inspector.SessionClosed();
            _record?.MarkClosed();
            LogSessionEnded(_logger, _sessionId);
        }
    }

    private async Task ExpireAsync()
    {
        try
        {
            await ExpireCoreAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The session ended while the timer fired.
        }
    }

    private async Task ExpireCoreAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_expired)
            {
                return;
            }

            _expired = true;
            var minutes = _maxDuration.TotalMinutes >= 1 ? $"{_maxDuration.TotalMinutes:0} minutes" : $"{_maxDuration.TotalSeconds:0} seconds";
            EmitError(ProtocolErrors.Create(ProtocolErrorCodes.SessionExpired, $"Your session hit the maximum duration of {minutes}."));
            _active?.Cancellation.Cancel();
            _outOfBand.ForEach(r => r.Cancellation.Cancel());
            _socket.Close(WebSocketCloseStatus.NormalClosure, "Session expired");
            LogSessionExpired(_logger, _sessionId);
        }
        finally
        {
            _gate.Release();
        }

        // Give the client a moment to close its side, then end the receive loop regardless.
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), _time, _lifetime.Token).ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _gate.Dispose();
    }

    private void SnapshotItems()
    {
        if (_record is null)
        {
            return;
        }

        _record.SetItems(_items.Select(e => new SimulatorItem(
            e.Id,
            e.Item.Type ?? string.Empty,
            e.Item.Role,
            e.Item.Status ?? "completed",
            string.Concat((e.Item.Content ?? []).Select(p => p.Text ?? p.Transcript ?? string.Empty)),
            e.Item.CallId,
            e.Item.Name,
            e.Item.Arguments,
            e.Item.Output,
            e.AudioMs)).ToList());
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Session {SessionId} started on {Endpoint} for {Model} (beta: {Beta})")]
    private static partial void LogSessionStarted(ILogger logger, string sessionId, string endpoint, string model, bool beta);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "Session {SessionId} ended")]
    private static partial void LogSessionEnded(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Session {SessionId} hit its maximum duration")]
    private static partial void LogSessionExpired(ILogger logger, string sessionId);
}
