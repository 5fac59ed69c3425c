using System.Net.Http.Json;
using System.Net.WebSockets;

namespace RealtimeGrains.LoadGen;

/// <summary>
/// One simulated caller over a Realtime WebSocket: connects (minting a token first on the gateway), configures server
/// VAD and a tool, then talks in turns — tone-code speech, silence while the reply plays, sometimes a barge-in, sometimes
/// a tool question — streaming input audio at real-time pace without pause. It owns one receive loop; sends come only from
/// <see cref="Pump"/>, which the shared <see cref="SessionScheduler"/> calls when <see cref="NextDue"/> has passed.
/// </summary>
internal sealed class VoiceSession : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(15);
    private readonly Lock _gate = new();
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<byte[]> _control = new();
    private readonly SessionTarget _target;
    private readonly SpeechAudio _audio;
    private readonly ScenarioOptions _scenario;
    private readonly RunStats _stats;
    private readonly ErrorTally? _targetErrors;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly long _chunkTicks;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextDue = long.MaxValue;
    private SessionPhase _phase = SessionPhase.Connecting;
    private bool _sending;
    private TaskCompletionSource? _sendIdle;
    private long _nextChunkAt;
    private long _nextUtteranceAt;
    private byte[][] _utterance = [];
    private int _utteranceIndex;
    private bool _toolTurn;
    private bool _bargeInTurn;
    private double _bargeAfterMs;
    private long _endOfSpeechAt;
    private long _awaitingSince;
    private bool _replyOpen;
    private long _firstDeltaAt;
    private double _responseAudioMs;
    private long _lastDeltaAt;
    private double _lastDeltaMs;
    private double _maxLatenessMs;
    private int _turnsInWindow;
    private bool _failed;
    private volatile bool _stopRequested;

    public VoiceSession(int index, SessionTarget target, SpeechAudio audio, ScenarioOptions scenario, RunStats stats, TimeProvider time, ErrorTally? targetErrors = null)
    {
        _target = target;
        _targetErrors = targetErrors;
        _audio = audio;
        _scenario = scenario;
        _stats = stats;
        _time = time;
        _random = new Random(HashCode.Combine(scenario.Seed, index));
        _chunkTicks = (long)(audio.ChunkMs / 1000.0 * time.TimestampFrequency);
    }

    /// <summary>Timestamp (of the <see cref="TimeProvider"/>) from which <see cref="Pump"/> has something to send.</summary>
    public long NextDue => Volatile.Read(ref _nextDue);

    /// <summary>Completes when the session is configured and streaming (or has failed).</summary>
    public Task Ready => _ready.Task;

    /// <summary>Whether the session lost its connection or never got one.</summary>
    public bool Failed
    {
        get
        {
            lock (_gate)
            {
                return _failed;
            }
        }
    }

    /// <summary>Worst output lateness behind real time since <see cref="ResetWindow"/>.</summary>
    public double MaxLatenessMs
    {
        get
        {
            lock (_gate)
            {
                return _maxLatenessMs;
            }
        }
    }

    /// <summary>Completed replies since <see cref="ResetWindow"/>.</summary>
    public int TurnsInWindow
    {
        get
        {
            lock (_gate)
            {
                return _turnsInWindow;
            }
        }
    }

    public void ResetWindow()
    {
        lock (_gate)
        {
            _maxLatenessMs = 0;
            _turnsInWindow = 0;
        }
    }

    /// <summary>Connects and runs the receive loop until <see cref="StopAsync"/> or a failure.</summary>
    public async Task RunAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        var connected = false;
        try
        {
            using (var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                connectDeadline.CancelAfter(ConnectTimeout);
                await ConnectAsync(http, connectDeadline.Token).ConfigureAwait(false);
            }

            connected = true;
            Interlocked.Increment(ref _stats.Connected);
            try
            {
                lock (_gate)
                {
                    _phase = SessionPhase.Configuring;
                    _control.Enqueue(ClientFrames.SessionUpdate);
                    Volatile.Write(ref _nextDue, 0);
                }

                await ReceiveLoopAsync(token).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _stats.Connected);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            var stopping = _stopRequested || cancellationToken.IsCancellationRequested;
            if (!stopping)
            {
                Interlocked.Increment(ref connected ? ref _stats.SocketFailures : ref _stats.ConnectFailures);
                Error(connected ? "socket_failed" : "connect_failed");
                MarkFailed();
            }
        }
        finally
        {
            lock (_gate)
            {
                _phase = SessionPhase.Closed;
                Volatile.Write(ref _nextDue, long.MaxValue);
            }

            _ready.TrySetResult();
        }
    }

    /// <summary>Sends whatever is due at <paramref name="now"/>: a control event, else the next audio chunk.</summary>
    public void Pump(long now)
    {
        byte[]? frame;
        lock (_gate)
        {
            if (_sending || _phase is SessionPhase.Connecting or SessionPhase.Closed)
            {
                return;
            }

            frame = NextFrame(now);
            if (frame is null)
            {
                return;
            }

            _sending = true;
        }

        ValueTask send;
        try
        {
            send = _socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Text, true, _stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            SendFinished(failed: true);
            return;
        }

        if (send.IsCompletedSuccessfully)
        {
            send.GetAwaiter().GetResult();
            SendFinished(failed: false);
        }
        else
        {
            _ = CompleteSendAsync(send);
        }
    }

    /// <summary>Closes the socket politely (after any send in flight) and waits for the receive loop to end.</summary>
    public async Task StopAsync(Task running)
    {
        TaskCompletionSource? idle = null;
        _stopRequested = true;
        lock (_gate)
        {
            _phase = SessionPhase.Closed;
            Volatile.Write(ref _nextDue, long.MaxValue);
            if (_sending)
            {
                idle = _sendIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        try
        {
            if (idle is not null)
            {
                await idle.Task.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }

            await running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // A peer that does not answer the close is cut off below.
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            _socket.Abort();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (_target.TokenEndpoint is { } tokenEndpoint)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("api-key", _target.ServerCredential);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"token endpoint answered {(int)response.StatusCode}");
            }

            var minted = await response.Content.ReadFromJsonAsync(LoadGenJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
            var value = minted?.ClientSecret?.Value ?? throw new HttpRequestException("token endpoint returned no client_secret");
            _socket.Options.SetRequestHeader("Authorization", "Bearer " + value);
        }
        else if (_target.ApiKey is { } key)
        {
            _socket.Options.SetRequestHeader("api-key", key);
        }

        await _socket.ConnectAsync(_target.WebSocketUri, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                lock (_gate)
                {
                    if (_phase != SessionPhase.Closed)
                    {
                        // The server ended a session the client still wanted.
                        Error("closed_by_server");
                        _failed = true;
                    }
                }

                return;
            }

            OnEvent(ServerEventInfo.Read(buffer.AsSpan(0, length)));
        }
    }

    private void OnEvent(ServerEventInfo info)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            switch (info.Kind)
            {
                case ServerEventKind.SessionUpdated when _phase == SessionPhase.Configuring:
                    _phase = SessionPhase.Idle;
                    _nextChunkAt = now;
                    _nextUtteranceAt = now + Ticks(_random.Next(100, 1500));
                    Volatile.Write(ref _nextDue, now);
                    _ready.TrySetResult();
                    break;
                case ServerEventKind.ResponseCreated:
                    _replyOpen |= _phase == SessionPhase.AwaitingReply;
                    _firstDeltaAt = 0;
                    _lastDeltaAt = 0;
                    _responseAudioMs = 0;
                    break;
                case ServerEventKind.AudioDelta:
                    OnAudioDelta(now, info.AudioBytes / 48.0);
                    break;
                case ServerEventKind.FunctionCallArgumentsDone when info.CallId is not null:
                    Interlocked.Increment(ref _stats.ToolCalls);
                    _control.Enqueue(ClientFrames.FunctionOutput(info.CallId));
                    _control.Enqueue(ClientFrames.ResponseCreate);
                    Volatile.Write(ref _nextDue, 0);
                    break;
                case ServerEventKind.ResponseDone:
                    if (info.Status == "cancelled")
                    {
                        Interlocked.Increment(ref _stats.CancelledResponses);
                    }

                    if (_phase == SessionPhase.Listening)
                    {
                        Interlocked.Increment(ref _stats.Turns);
                        _turnsInWindow++;
                        _phase = SessionPhase.Idle;
                        _nextUtteranceAt = now + Ticks(_random.Next(400, 1200));
                    }

                    break;
                case ServerEventKind.Error:
                    Error(info.ErrorCode ?? "error");
                    break;
            }
        }
    }

    private void OnAudioDelta(long now, double audioMs)
    {
        Interlocked.Increment(ref _stats.AudioDeltas);
        if (_lastDeltaAt == 0)
        {
            _firstDeltaAt = now;
        }
        else
        {
            var gapMs = Milliseconds(now - _lastDeltaAt);
            _stats.Jitter.Record(Math.Abs(gapMs - _lastDeltaMs));
            var lateMs = Milliseconds(now - _firstDeltaAt) - _responseAudioMs;
            _stats.OutputLateness.Record(lateMs);
            _maxLatenessMs = Math.Max(_maxLatenessMs, lateMs);
        }

        _lastDeltaAt = now;
        _lastDeltaMs = audioMs;
        _responseAudioMs += audioMs;
        if (_phase == SessionPhase.AwaitingReply && _replyOpen)
        {
            (_toolTurn ? _stats.ToolRoundTrip : _stats.FirstAudio).Record(Milliseconds(now - _endOfSpeechAt));
            _phase = SessionPhase.Listening;
        }
    }

    /// <summary>Under the gate: the frame to send now, or null (then <see cref="_nextDue"/> says when to come back).</summary>
    private byte[]? NextFrame(long now)
    {
        if (_control.TryDequeue(out var control))
        {
            Volatile.Write(ref _nextDue, _control.Count > 0 ? 0 : (_phase == SessionPhase.Configuring ? long.MaxValue : _nextChunkAt));
            return control;
        }

        if (_phase == SessionPhase.Configuring)
        {
            Volatile.Write(ref _nextDue, long.MaxValue);
            return null;
        }

        if (now < _nextChunkAt)
        {
            Volatile.Write(ref _nextDue, _nextChunkAt);
            return null;
        }

        var behindMs = Milliseconds(now - _nextChunkAt);
        _stats.InputLateness.Record(behindMs);
        _nextChunkAt = behindMs > 1000 ? now + _chunkTicks : _nextChunkAt + _chunkTicks;
        Volatile.Write(ref _nextDue, _nextChunkAt);
        Interlocked.Increment(ref _stats.InputChunks);

        switch (_phase)
        {
            case SessionPhase.Idle when now >= _nextUtteranceAt:
                StartSpeaking();
                break;
            case SessionPhase.Listening when _bargeInTurn && _responseAudioMs >= _bargeAfterMs:
                Interlocked.Increment(ref _stats.BargeIns);
                StartSpeaking();
                break;
            case SessionPhase.AwaitingReply when now - _awaitingSince > Ticks(ReplyTimeout.TotalMilliseconds):
                Error("no_reply");
                _phase = SessionPhase.Idle;
                _nextUtteranceAt = now;
                break;
        }

        if (_phase != SessionPhase.Speaking)
        {
            return _audio.Silence;
        }

        var chunk = _utterance[_utteranceIndex++];
        if (_utteranceIndex == _utterance.Length)
        {
            _phase = SessionPhase.AwaitingReply;
            _endOfSpeechAt = now;
            _awaitingSince = now;
            _replyOpen = false;
        }

        return chunk;
    }

    private void StartSpeaking()
    {
        var roll = _random.Next(100);
        _toolTurn = roll < _scenario.ToolPercent;
        _bargeInTurn = !_toolTurn && roll < _scenario.ToolPercent + _scenario.BargeInPercent;
        _bargeAfterMs = _random.Next(300, 900);
        _utterance = _toolTurn ? _audio.ToolUtterance : _audio.Utterances[_random.Next(_audio.Utterances.Count)];
        _utteranceIndex = 0;
        _replyOpen = false;
        _phase = SessionPhase.Speaking;
    }

    private async Task CompleteSendAsync(ValueTask send)
    {
        var failed = false;
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            failed = true;
        }

        SendFinished(failed);
    }

    private void SendFinished(bool failed)
    {
        TaskCompletionSource? idle;
        lock (_gate)
        {
            _sending = false;
            idle = _sendIdle;
            if (failed && _phase != SessionPhase.Closed)
            {
                _failed = true;
                _phase = SessionPhase.Closed;
                Volatile.Write(ref _nextDue, long.MaxValue);
                Interlocked.Increment(ref _stats.SocketFailures);
                Error("send_failed");
            }
        }

        idle?.TrySetResult();
    }

    /// <summary>Counts an error in the run's stats and in those of this session's target.</summary>
    private void Error(string code)
    {
        _stats.Error(code);
        _targetErrors?.Add(code);
    }

    private void MarkFailed()
    {
        lock (_gate)
        {
            _failed = true;
        }
    }

    private long Ticks(double milliseconds) => (long)(milliseconds * _time.TimestampFrequency / 1000);

    private double Milliseconds(long ticks) => ticks * 1000.0 / _time.TimestampFrequency;
}
