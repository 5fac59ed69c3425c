using System.Diagnostics;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Sessions.Telemetry;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>
/// The upstream link: one current connection; while none can take events (connecting, reconnecting, rolling
/// over) client events wait in <see cref="_pending"/>. A new upstream session is primed with <c>session.update</c>,
/// the replayed items and the client audio the old one had not committed, then the waiting events follow.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private readonly List<ClientEvent> _pending = [];
    private readonly List<byte[]> _uncommittedAudio = [];
    private readonly HashSet<string> _replayedIds = new(StringComparer.Ordinal);
    private UpstreamConnection? _upstream;
    private UpstreamConnection? _standby;
    private ITimer? _rolloverTimer;
    private DateTimeOffset _rolloverDue = DateTimeOffset.MaxValue;
    private long _pendingAudioBytes;
    private long _uncommittedAudioBytes;
    private bool _replacing;
    private bool _rolloverAfterResponse;
    private int _generation;
    private volatile bool _closing;
    private bool _speechActive;
    private int _primingUpdates;
    private bool _primingEchoWanted;

    /// <summary>Sends a client event upstream, or holds it while no upstream can take it.</summary>
    private async Task SendUpstreamAsync(ClientEvent clientEvent)
    {
        if (_closing)
        {
            return;
        }

        if (_upstream is { } upstream && !_replacing && await upstream.SendAsync(clientEvent))
        {
            TrackSentAudio(clientEvent);
            return;
        }

        _pending.Add(clientEvent);
        if (clientEvent is InputAudioBufferAppendEvent append)
        {
            _pendingAudioBytes += append.Audio.Length;
            while (_pendingAudioBytes > _options.MaxBufferedAudioBytes && _pending.FindIndex(e => e is InputAudioBufferAppendEvent) is var oldest and >= 0)
            {
                _pendingAudioBytes -= ((InputAudioBufferAppendEvent)_pending[oldest]).Audio.Length;
                _pending.RemoveAt(oldest);
                LogAudioDropped(_logger, _sessionId, _options.MaxBufferedAudioBytes);
            }
        }

        if (!_replacing)
        {
            BeginReplace(NextUpstreamChange);
        }
    }

    /// <summary>The first upstream of this activation, or a reconnect after one was lost.</summary>
    private UpstreamChange NextUpstreamChange => _generation == 0 ? UpstreamChange.Activation : UpstreamChange.Reconnect;

    /// <summary>Remembers audio sent but not yet committed upstream, to re-send it to a replacement session.</summary>
    private void TrackSentAudio(ClientEvent clientEvent)
    {
        if (clientEvent is not InputAudioBufferAppendEvent append)
        {
            return;
        }

        var bytes = append.Audio.ToArray();
        _uncommittedAudio.Add(bytes);
        _uncommittedAudioBytes += bytes.Length;

        // With server VAD and no speech in progress, the service keeps only a short prefix of the buffer:
        // one second is all a replacement session needs (more than any prefix padding).
        var keep = State.Settings.TurnDetection != TurnDetection.Types.None && !_speechActive
            ? Math.Min(_options.MaxBufferedAudioBytes, InputFormat.BytesPerMillisecond * 1000)
            : _options.MaxBufferedAudioBytes;
        while (_uncommittedAudioBytes > keep && _uncommittedAudio.Count > 1)
        {
            _uncommittedAudioBytes -= _uncommittedAudio[0].Length;
            _uncommittedAudio.RemoveAt(0);
        }
    }

    private void ForgetUncommittedAudio()
    {
        _speechActive = false;
        _uncommittedAudio.Clear();
        _uncommittedAudioBytes = 0;
    }

    /// <summary>Starts opening a new upstream session (unless one is already being opened).</summary>
    private void BeginReplace(UpstreamChange change)
    {
        if (_closing || _replacing)
        {
            return;
        }

        if (_shutdown.IsStopping)
        {
            // The host is going down (perhaps with the upstream): persist and close, never reconnect.
            LogNotReplacingWhileStopping(_logger, _sessionId, change);
            return;
        }

        if (change == UpstreamChange.Rollover && _tracker.ActiveResponseId is not null)
        {
            // Never switch in the middle of a response: the new session would not know it, the old one would finish it.
            _rolloverAfterResponse = true;
            return;
        }

        _replacing = true;
        _rolloverAfterResponse = false;
        LogReplacing(_logger, _sessionId, change);
        if (change == UpstreamChange.Reconnect)
        {
            _ = NotifyAsync(new SessionEvent(SessionEventKind.Status, "upstream.reconnecting"));
        }

        var span = StartOpeningSpan(change);
        var callId = _callId;
        _ = Task.Run(() => ConnectLoopAsync(change, span, callId));
    }

    /// <summary>Connects with exponential backoff on transient failures (429, 5xx, network), outside grain turns.</summary>
    private async Task ConnectLoopAsync(UpstreamChange change, Activity? span, string? callId)
    {
        try
        {
            await ConnectWithRetriesAsync(change, span, callId);
        }
        catch (Exception ex)
        {
            // A bug here must not leave the session silent: say so, and let the next client event try again.
            LogConnectLoopFailed(_logger, ex, _sessionId);
            await RunTurnSafeAsync(async () =>
            {
                _replacing = false;
                EndOpeningSpan("error");
                await NotifyAsync(new SessionEvent(SessionEventKind.Status, "upstream.unavailable") { Detail = "Connecting to the model service failed unexpectedly." });
            });
        }
    }

    /// <param name="change">Why.</param>
    /// <param name="span">The opening span.</param>
    /// <param name="callId">The call whose sideband to open (null: a media session); a later call supersedes this loop.</param>
    private async Task ConnectWithRetriesAsync(UpstreamChange change, Activity? span, string? callId)
    {
        SessionTelemetry.MakeAmbient(span); // off the grain: the connect attempts become its children
        var upstream = _options.Upstream;
        var delay = upstream.ReconnectBaseDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (_closing || _shutdown.IsStopping || !OwnsSession || callId != _callId)
            {
                return;
            }

            try
            {
                var connection = await _connector.ConnectAsync(_sessionId, callId);
                if (!await RunTurnSafeAsync(() => InstallAsync(connection, change, callId)))
                {
                    await connection.DisposeAsync();
                }

                return;
            }
            catch (UpstreamConnectException ex) when (callId is not null && ex.StatusCode == 404)
            {
                // The call is over at the service (hung up, or the browser left): nothing to reconnect to.
                await RunTurnSafeAsync(async () =>
                {
                    if (callId == _callId)
                    {
                        EndOpeningSpan("call_ended");
                        await EndCallAsync("the call has ended at the model service (HTTP 404 on its sideband)");
                    }
                });
                return;
            }
            catch (UpstreamConnectException ex) when (ex.IsTransient && attempt < upstream.ConnectAttempts)
            {
                // Jittered backoff; the service's own Retry-After wins when it asks for longer (up to a minute).
                var retryIn = UpstreamBackoff.Wait(delay, ex.RetryAfter, Random.Shared.NextDouble());
                LogConnectRetry(_logger, _sessionId, attempt, ex.StatusCode, retryIn);
                await RunTurnSafeAsync(() => ReportConnectFailureAsync(ex, retrying: true, retryIn));
                await Task.Delay(retryIn, _time);
                delay = UpstreamBackoff.Next(delay, upstream.ReconnectMaxDelay);
            }
            catch (UpstreamConnectException ex)
            {
                LogConnectGaveUp(_logger, _sessionId, attempt, ex.StatusCode);
                var attempts = attempt;
                await RunTurnSafeAsync(async () =>
                {
                    _replacing = false;
                    _rerunAfterReconnect = false;
                    EndOpeningSpan(SessionTelemetry.ErrorTypeOf(ex.StatusCode));
                    await NotifyAsync(new SessionEvent(SessionEventKind.Status, "upstream.unavailable") { Detail = $"Connect failed after {attempts} attempts (HTTP {ex.StatusCode})." });
                    await ReportConnectFailureAsync(ex, retrying: false, TimeSpan.Zero);
                });
                return;
            }
        }
    }

    private async Task InstallAsync(UpstreamConnection connection, UpstreamChange change, string? callId)
    {
        if (_closing || !OwnsSession || callId != _callId)
        {
            await connection.DisposeAsync();
            return;
        }

        if (_upstream is not null && _tracker.ActiveResponseId is not null)
        {
            // A response started on the old session meanwhile: switch when it is done.
            _standby = connection;
            return;
        }

        await SwitchToAsync(connection, change);
    }

    private async Task SwitchToAsync(UpstreamConnection connection, UpstreamChange change)
    {
        var old = _upstream;
        _upstream = connection;
        _standby = null;
        _generation++;
        ForgetPendingResponses();
        if (_generation > 1)
        {
            State.UpstreamGenerations++;
        }

        connection.Start(OnUpstreamEventAsync, OnUpstreamClosedAsync);
        if (old is not null)
        {
            _ = Task.Run(() => old.DisposeAsync().AsTask());
        }

        if (old is null && _tracker.AbandonActiveResponse())
        {
            PersistSoon();
        }

        // Prime: configuration, the conversation so far, the audio the old session had not committed.
        // Its session.updated is hidden unless a client's own update was folded into it (sent while no upstream took it).
        _primingUpdates = _primingEchoWanted ? 0 : 1;
        _primingEchoWanted = false;
        await connection.SendAsync(new SessionUpdateEvent { EventId = ProtocolIds.NewEventId(), Session = BuildSessionConfig() });
        var replay = ConversationReplay.Build(State.Items);
        foreach (var create in replay)
        {
            _replayedIds.Add(create.Item!.Id!);
            await connection.SendAsync(create);
        }

        // Over a call's sideband the client audio travels on the call's media, never through the grain.
        var resend = InCall ? [] : _uncommittedAudio.ToList();
        ForgetUncommittedAudio();
        foreach (var chunk in resend)
        {
            var append = new InputAudioBufferAppendEvent(chunk);
            await connection.SendAsync(append);
            TrackSentAudio(append);
        }

        _replacing = false;
        var waiting = _pending.ToList();
        _pending.Clear();
        _pendingAudioBytes = 0;
        foreach (var clientEvent in waiting)
        {
            await SendUpstreamAsync(clientEvent);
        }

        await RerunLostResponseAsync();

        if (!InCall)
        {
            // A call is not the grain's to roll over: its media ends with it; the browser makes a new call, primed from here.
            ArmRollover(_options.Upstream.EffectiveSessionLimit());
        }

        OnUpstreamSwitched(change, replay.Count);
        LogUpstreamReady(_logger, _sessionId, _generation, change, replay.Count);
        await NotifyAsync(new SessionEvent(SessionEventKind.Status, change == UpstreamChange.Rollover ? "upstream.rolled_over" : "upstream.ready")
        {
            Detail = $"generation {_generation}, {replay.Count} items replayed",
        });
    }

    /// <summary>Rolls over after <paramref name="dueIn"/> (replacing the timer armed before).</summary>
    private void ArmRollover(TimeSpan dueIn)
    {
        _rolloverTimer?.Dispose();
        _rolloverDue = _time.GetUtcNow() + dueIn;
        _rolloverTimer = StartTimer(
            () =>
            {
                BeginReplace(UpstreamChange.Rollover);
                return Task.CompletedTask;
            },
            dueIn);
    }

    /// <summary>
    /// The upstream announced when it ends the session (<c>expires_at</c> of <c>session.created</c>): roll over before that,
    /// leaving a margin to prime the next session (a fifth of its lifetime, at most 30 s). The configured limit stays a cap.
    /// </summary>
    private void ScheduleRolloverBefore(DateTimeOffset expiresAt)
    {
        if (InCall)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var lifetime = expiresAt - now;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, lifetime.Ticks / 5));
        var due = expiresAt - margin;
        if (due < _rolloverDue)
        {
            LogRolloverFromExpiry(_logger, _sessionId, _generation, expiresAt, due - now);
            ArmRollover(due - now);
        }
    }

    private async Task OnUpstreamEventAsync(UpstreamConnection connection, UpstreamEvent upstreamEvent)
    {
        if (_closing || !OwnsSession || !await RunTurnSafeAsync(() => HandleUpstreamEventAsync(connection, upstreamEvent)))
        {
            (upstreamEvent.Event as IDisposable)?.Dispose();
        }
    }

    private Task OnUpstreamClosedAsync(UpstreamConnection connection, Exception? failure) =>
        RunTurnSafeAsync(async () =>
        {
            if (connection == _standby)
            {
                _standby = null;
                _replacing = false;
                BeginReplace(UpstreamChange.Rollover);
                return;
            }

            if (connection != _upstream)
            {
                return;
            }

            LogUpstreamLost(_logger, _sessionId, _generation, failure?.Message ?? "closed by the service");
            RecordError(UpstreamErrorCodes.Lost, failure?.Message ?? "closed by the service");
            OnUpstreamLostTelemetry(failure);
            _upstream = null;
            var lost = _tracker.ActiveResponseId;
            if (_tracker.AbandonActiveResponse())
            {
                PersistSoon();
            }

            if (lost is not null)
            {
                await ReportLostResponseAsync(lost);
            }

            if (InCall && failure is null)
            {
                // The service closed the sideband cleanly: the call is over (hung up, the browser left, its time limit).
                await EndCallAsync("the model service closed the call's sideband");
                return;
            }

            if (_standby is { } ready)
            {
                await SwitchToAsync(ready, UpstreamChange.Rollover);
                return;
            }

            BeginReplace(UpstreamChange.Reconnect);
        });

    private void CloseUpstream() => _ = CloseUpstreamAsync();

    /// <summary>Closes the current and the standby connection (off the grain); the task completes when both are closed.</summary>
    private Task CloseUpstreamAsync()
    {
        _rolloverTimer?.Dispose();
        StopStallWatch();
        var closing = new List<Task>(2);
        foreach (var connection in new[] { _upstream, _standby })
        {
            if (connection is not null)
            {
                closing.Add(Task.Run(() => connection.DisposeAsync().AsTask()));
            }
        }

        _upstream = null;
        _standby = null;
        return Task.WhenAll(closing);
    }
}
