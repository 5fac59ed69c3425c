using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using RealtimeGrains.Protocol;
using RealtimeGrains.Sessions.Conversation;
using RealtimeGrains.Sessions.Hosting;
using RealtimeGrains.Sessions.Leases;
using RealtimeGrains.Sessions.Tools;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>
/// The session grain. Client calls run as Orleans requests; the upstream loops and tool calls run outside the
/// grain and post their results back onto its scheduler, where one pump runs them one at a time (<c>.Turns</c>).
/// Its lifetime is its own: <see cref="KeepAliveAttribute"/> exempts it from Orleans' idle collection (socket traffic
/// is not Orleans activity), and it deactivates itself <see cref="RealtimeSessionsOptions.IdleTimeout"/> after the last
/// client left. Partial files: <c>.Upstream</c> (connect, prime, rollover, reconnect), <c>.Calls</c> (WebRTC calls, the sideband), <c>.Events</c> (server events,
/// barge-in), <c>.Tools</c> (function calls), <c>.Persistence</c> (write-behind state), <c>.Turns</c>, <c>.Log</c>.
/// </summary>
/// <remarks>
/// The grain type keeps the name the pre-Orleans runtime gave session grains, so state written before the move
/// (file paths and blob names contain the grain type) is found where it is.
/// </remarks>
[GrainType("RealtimeGrains.Sessions.IRealtimeSessionGrain")]
[KeepAlive]
[PreferLocalPlacement] // on the silo of the first client: audio normally stays in one process
[Immovable] // it owns a socket: no rebalancing moves

internal sealed partial class RealtimeSessionGrain : Grain, IRealtimeSessionGrain
{
    private readonly IPersistentState<ConversationState> _persisted;
    private readonly IUpstreamConnector _connector;
    private readonly UpstreamCalls _calls;
    private readonly ToolRegistry _tools;
    private readonly ToolDispatcher _dispatcher;
    private readonly RealtimeSessionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RealtimeSessionGrain> _logger;
    private readonly SessionShutdown _shutdown;
    private readonly SiloLease _lease;
    private readonly Dictionary<IRealtimeSessionObserver, ObserverSlot> _observers = [];
    private readonly Dictionary<string, int> _playedMs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clientRetrieves = new(StringComparer.Ordinal);
    private ConversationTracker _tracker = null!;
    private string _sessionId = string.Empty;
    private ITimer? _idleTimer;
    private ITimer? _observerSweep;

    public RealtimeSessionGrain(
        [PersistentState("realtime-session")] IPersistentState<ConversationState> persisted,
        IUpstreamConnector connector,
        UpstreamCalls calls,
        ToolRegistry tools,
        ToolDispatcher dispatcher,
        IOptions<RealtimeSessionsOptions> options,
        [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time,
        SessionShutdown shutdown,
        SiloLease lease,
        ILogger<RealtimeSessionGrain> logger)
    {
        _persisted = persisted;
        _connector = connector;
        _calls = calls;
        _tools = tools;
        _dispatcher = dispatcher;
        _options = options.Value;
        _time = time;
        _shutdown = shutdown;
        _lease = lease;
        _logger = logger;
    }

    private ConversationState State => _persisted.State;

    private AudioFormat InputFormat => State.Settings.InputAudioFormat is { } name && AudioFormat.FromBetaName(name) is { IsKnown: true } format ? format : AudioFormat.Pcm16;

    private AudioFormat OutputFormat => State.Settings.OutputAudioFormat is { } name ? AudioFormat.FromBetaName(name) : AudioFormat.Pcm16;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sessionId = this.GetPrimaryKeyString();
        BeginRecords();
        using var span = StartActivateSpan();
        await TakeOwnershipAsync(cancellationToken);
        OnActivatedTelemetry(span);
        _tracker = new ConversationTracker(State, _time);
        _callId = State.CallId;
        LogActivated(_logger, _sessionId, State.Items.Count);
        StartPump();
        ArmIdleTimer();
        ArmObserverSweep();
        JoinLiveSessions();

        // The upstream opens on the first attach or client event, not here: an activation made only by a late keep-alive or
        // detach (its clients already told to reconnect elsewhere) must not open an upstream session nobody uses. A WebRTC
        // call is the exception: its browser talks to the service, not to us, so the grain goes back onto its sideband now.
        if (InCall)
        {
            BeginReplace(UpstreamChange.Activation);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var ended = _closing;
        _closing = true;
        LeaveLiveSessions();
        OnDeactivatedTelemetry();
        LogDeactivating(_logger, _sessionId, reason.Description);
        _idleTimer?.Dispose();
        _rolloverTimer?.Dispose();
        _observerSweep?.Dispose();
        if (!ended && !_fenced && _observers.Count > 0)
        {
            // Shutdown or a forced deactivation with clients attached: they reconnect and resume on another activation.
            await NotifyAsync(new SessionEvent(SessionEventKind.Status, "session.moved") { Detail = "The server is handing the session over; reconnect to resume it." });
        }

        // The socket closes before the owner is cleared: the next owner may connect as soon as it reads the release.
        await CloseUpstreamAsync();
        ReleaseOwnership();
        await FlushStateAsync();
        await FlushRecordingAsync();
        await StopPumpAsync();
    }

    public async Task<ClientEventResult> ConfigureAsync(RealtimeSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (CheckClientTools(settings) is { } refused)
        {
            return refused;
        }

        State.Settings = State.Settings.Merge(settings);
        PersistSoon();
        if (_upstream is not null && !_replacing)
        {
            await _upstream.SendAsync(new SessionUpdateEvent { EventId = ProtocolIds.NewEventId(), Session = BuildSessionConfig() });
        }
        else if (_observers.Count > 0)
        {
            // A client's update while no upstream takes it: the next priming carries it, and its echo answers the client.
            _primingEchoWanted = true;
        }

        return ClientEventResult.Ok;
    }

    public async Task AttachAsync(IRealtimeSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!_observers.TryAdd(observer, new ObserverSlot()))
        {
            return;
        }

        _idleTimer?.Dispose();
        _idleTimer = null;
        LogAttached(_logger, _sessionId, _observers.Count);
        await observer.OnSessionEventAsync(new SessionEvent(SessionEventKind.Conversation, "conversation.snapshot") { Items = CopyItems() });
        if (_upstream is null && !_replacing && !_closing)
        {
            // The first client (the upstream opens now), or the last connect failed before this client came (its refusal
            // went to nobody): try again, so this client is either served or told why not.
            BeginReplace(NextUpstreamChange);
        }
    }

    public async Task<bool> TryAttachAsync(IRealtimeSessionObserver observer, int maxObservers)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (!_observers.ContainsKey(observer) && _observers.Count >= maxObservers)
        {
            LogSessionFull(_logger, _sessionId, _observers.Count);
            return false;
        }

        await AttachAsync(observer);
        return true;
    }

    public Task<bool> KeepAttachedAsync(IRealtimeSessionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (_fenced || !_observers.TryGetValue(observer, out var slot))
        {
            LeaveIfUnused();
            return Task.FromResult(false);
        }

        slot.LastSeen = _time.GetTimestamp();
        return Task.FromResult(true);
    }

    public Task DetachAsync(IRealtimeSessionObserver observer)
    {
        if (_observers.Remove(observer))
        {
            OnObserverGone();
        }
        else
        {
            LeaveIfUnused();
        }

        return Task.CompletedTask;
    }

    public async Task AppendAudioAsync(byte[] audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.Length > 0)
        {
            RecordInput(audio);
            CountAudioIn(audio.Length);
            await SendUpstreamAsync(new InputAudioBufferAppendEvent(audio));
        }
    }

    public Task CommitAudioAsync() => SendUpstreamAsync(new InputAudioBufferCommitEvent { EventId = ProtocolIds.NewEventId() });

    public Task ClearAudioAsync() => SendUpstreamAsync(new InputAudioBufferClearEvent { EventId = ProtocolIds.NewEventId() });

    public Task SendTextAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var item = RealtimeItem.UserText(text);
        item.Id = ProtocolIds.NewItemId();
        return SendUpstreamAsync(new ConversationItemCreateEvent { EventId = ProtocolIds.NewEventId(), Item = item });
    }

    public Task CreateResponseAsync(ResponseOverrides? options = null)
    {
        var overrides = options;
        ResponseOptions? response = null;
        if (overrides is not null)
        {
            response = new ResponseOptions
            {
                Instructions = overrides.Instructions,
                Voice = overrides.Voice,
                Modalities = overrides.OutputModalities?.ToList(),
                Conversation = overrides.Conversation,
                Metadata = overrides.Metadata?.ToDictionary(),
            };
        }

        var create = new ResponseCreateEvent { EventId = ProtocolIds.NewEventId(), Response = response };
        return AdmitClientResponse(create) ? SendUpstreamAsync(create) : Task.CompletedTask;
    }

    public Task CancelResponseAsync() => SendUpstreamAsync(new ResponseCancelEvent { EventId = ProtocolIds.NewEventId() });

    public Task ReportPlaybackAsync(string itemId, int playedMs)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        _playedMs[itemId] = Math.Max(0, playedMs);
        return Task.CompletedTask;
    }

    public Task<int?> InterruptAsync(int? playedMs = null) => BargeInAsync(cancelResponse: true, playedMs);

    public Task<int?> TruncateAsync(string itemId, int playedMs)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return TruncateItemAsync(itemId, playedMs);
    }

    public async Task<ClientEventResult> ForwardClientEventAsync(byte[] gaJson)
    {
        ArgumentNullException.ThrowIfNull(gaJson);
        var parsed = RealtimeProtocol.ParseClientEvent(gaJson, ProtocolDialect.GA);
        if (!parsed.IsSuccess)
        {
            return new ClientEventResult(false, parsed.Error.Code, parsed.Error.Message);
        }

        switch (parsed.Event)
        {
            case ResponseCreateEvent create when !AdmitClientResponse(create):
                return ClientEventResult.Ok;
            case ResponseCreateEvent create:
                OfferOnlyClientTools(create);
                await SendUpstreamAsync(create);
                return ClientEventResult.Ok;
            case ConversationItemCreateEvent or ConversationItemDeleteEvent or ConversationItemTruncateEvent
                or ResponseCancelEvent
                or InputAudioBufferAppendEvent or InputAudioBufferCommitEvent or InputAudioBufferClearEvent:
                RecordInput(parsed.Event);
                CountAudioIn((parsed.Event as InputAudioBufferAppendEvent)?.Audio.Length ?? 0);
                await SendUpstreamAsync(parsed.Event is InputAudioBufferAppendEvent append ? new InputAudioBufferAppendEvent(append.Audio.ToArray()) : parsed.Event);
                (parsed.Event as IDisposable)?.Dispose();
                return ClientEventResult.Ok;
            case ConversationItemRetrieveEvent retrieve:
                _clientRetrieves.Add(retrieve.ItemId ?? string.Empty);
                await SendUpstreamAsync(retrieve);
                return ClientEventResult.Ok;
            default:
                (parsed.Event as IDisposable)?.Dispose();
                return new ClientEventResult(false, "unsupported_event", $"The event type '{parsed.Event.Type}' is not forwarded by the session; use the session's own calls.");
        }
    }

    public Task<ConversationSnapshot> GetConversationAsync() =>
        Task.FromResult(new ConversationSnapshot(CopyItems(), State.Settings, State.Usage with { }, State.UpstreamGenerations));

    public async Task EndAsync()
    {
        _closing = true;
        LogEnded(_logger, _sessionId);
        await NotifyAsync(new SessionEvent(SessionEventKind.Status, "session.ended"));
        _idleTimer?.Dispose();
        _rolloverTimer?.Dispose();
        CloseUpstream();
        if (_callId is { } callId)
        {
            _ = Task.Run(() => _calls.HangUpAsync(_sessionId, callId));
            await RegisterCallAsync(add: false);
        }

        await StopPersistingAsync();
        await _persisted.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>An activation that only answered a stale gateway's keep-alive or detach (nobody attached, no upstream) goes at once.</summary>
    private void LeaveIfUnused()
    {
        if (_observers.Count == 0 && _upstream is null && !_replacing && _generation == 0 && !InCall)
        {
            _closing = true;
            DeactivateOnIdle();
        }
    }

    private List<ConversationItem> CopyItems() => [.. State.Items.Select(i => i with { })];

    private void OnObserverGone()
    {
        if (_observers.Count > 0 || InCall)
        {
            return;
        }

        LogLastDetached(_logger, _sessionId, _options.IdleTimeout);
        ArmIdleTimer();
    }

    /// <summary>Every third of <see cref="RealtimeSessionsOptions.ObserverTimeout"/>: drops observers that kept themselves attached and then went quiet.</summary>
    private void ArmObserverSweep()
    {
        _observerSweep?.Dispose();
        _observerSweep = StartTimer(SweepObserversAsync, _options.ObserverTimeout / 3);
    }

    private Task SweepObserversAsync()
    {
        var gone = _observers.Where(o => o.Value.LastSeen is { } seen && _time.GetElapsedTime(seen) > _options.ObserverTimeout).Select(o => o.Key).ToList();
        foreach (var observer in gone)
        {
            _observers.Remove(observer);
            LogObserverTimedOut(_logger, _sessionId, _options.ObserverTimeout);
        }

        if (gone.Count > 0)
        {
            OnObserverGone();
        }

        if (!_closing)
        {
            ArmObserverSweep();
        }

        return Task.CompletedTask;
    }

    private void ArmIdleTimer()
    {
        _idleTimer?.Dispose();
        _idleTimer = StartTimer(OnIdleAsync, _options.IdleTimeout);
    }

    private async Task OnIdleAsync()
    {
        if (_observers.Count > 0 || _closing || InCall)
        {
            return;
        }

        LogIdle(_logger, _sessionId);
        _closing = true;
        await FlushStateAsync();
        CloseUpstream();
        DeactivateOnIdle();
    }

    /// <summary>
    /// Sends a message to every attached observer. The call is one-way: each observer reference has its own queue, so a
    /// slow client holds up only itself, and the grain never waits for delivery.
    /// </summary>
    private Task NotifyAsync(SessionEvent message)
    {
        foreach (var (observer, slot) in _observers)
        {
            _ = observer.OnSessionEventAsync(message with { Sequence = slot.NextSequence++ });
        }

        return Task.CompletedTask;
    }

    private SessionConfig BuildSessionConfig()
    {
        var settings = State.Settings;
        var config = new SessionConfig
        {
            Type = SessionTypes.Realtime,
            Instructions = settings.Instructions,
            Voice = settings.Voice,
            Modalities = settings.OutputModalities?.ToList(),
            InputAudioFormat = settings.InputAudioFormat is { } input ? AudioFormat.FromBetaName(input) : null,
            OutputAudioFormat = settings.OutputAudioFormat is { } output ? AudioFormat.FromBetaName(output) : null,
            Tools = DescribeTools(),
        };
        config.ToolChoice = DescribeToolChoice(config.Tools.Count);
        if (settings.TurnDetection is { } turnDetection)
        {
            if (turnDetection == TurnDetection.Types.None)
            {
                config.SetExplicitNull(SessionFields.TurnDetection);
            }
            else
            {
                config.TurnDetection = new TurnDetection { Type = turnDetection };
            }
        }

        if (settings.TranscriptionModel is { } model)
        {
            if (model.Length == 0)
            {
                config.SetExplicitNull(SessionFields.InputAudioTranscription);
            }
            else
            {
                config.InputAudioTranscription = new InputAudioTranscription { Model = model };
            }
        }

        SessionUpstreamFields.ApplyTo(config, settings.UpstreamFieldsJson);
        return config;
    }
}
