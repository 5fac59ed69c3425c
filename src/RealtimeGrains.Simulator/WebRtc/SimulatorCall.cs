namespace RealtimeGrains.Simulator;

/// <summary>
/// One WebRTC call as the simulator saw it, for tests: its session, the data channel, the RTP audio each way, output
/// buffer clears and sidebands. Counters are live and thread-safe; <see cref="WaitUntilAsync"/> awaits a condition on them.
/// </summary>
public sealed class SimulatorCall
{
    private readonly Lock _lock = new();
    private readonly List<(Func<SimulatorCall, bool> Match, TaskCompletionSource Signal)> _waiters = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _packetsReceived;
    private long _audioMsReceived;
    private long _packetsSent;
    private long _audioMsSent;
    private int _cleared;
    private int _sidebandsAttached;
    private int _sidebandsOpen;
    private int _connected;
    private int _channelOpened;
    private string? _endReason;

    internal SimulatorCall(string callId, string sessionId, bool beta, string model, bool eventFilter, DateTimeOffset createdAt)
    {
        CallId = callId;
        SessionId = sessionId;
        Beta = beta;
        Model = model;
        EventFilter = eventFilter;
        CreatedAt = createdAt;
    }

    /// <summary>The call id (<c>rtc_…</c>), as in the answer's <c>Location</c>.</summary>
    public string CallId { get; }

    /// <summary>The id of the call's simulator session (<c>sess_…</c>; its record is in <see cref="ISimulatorInspector.Sessions"/>).</summary>
    public string SessionId { get; }

    /// <summary>Whether the session speaks the preview/beta protocol (<c>/v1/realtimertc</c>), else GA.</summary>
    public bool Beta { get; }

    /// <summary>The deployment or model.</summary>
    public string Model { get; }

    /// <summary>Whether the data channel gets only the filtered events (<c>webrtcfilter=on</c>).</summary>
    public bool EventFilter { get; }

    /// <summary>When the call was answered.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Whether the peer connection has connected (ICE and DTLS done).</summary>
    public bool Connected => Volatile.Read(ref _connected) != 0;

    /// <summary>Whether the browser's data channel has opened.</summary>
    public bool DataChannelOpened => Volatile.Read(ref _channelOpened) != 0;

    /// <summary>RTP audio packets received from the peer (each decoded into the session's input buffer).</summary>
    public long RtpPacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Milliseconds of audio received from the peer.</summary>
    public long AudioMsReceived => Interlocked.Read(ref _audioMsReceived);

    /// <summary>RTP audio packets (20 ms Opus frames) sent to the peer.</summary>
    public long RtpPacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Milliseconds of reply audio played out to the peer.</summary>
    public long AudioMsSent => Interlocked.Read(ref _audioMsSent);

    /// <summary>How many times the output buffer was cleared (<c>output_audio_buffer.cleared</c> sent).</summary>
    public int OutputBufferClearedCount => Volatile.Read(ref _cleared);

    /// <summary>Sidebands attached so far.</summary>
    public int SidebandsAttached => Volatile.Read(ref _sidebandsAttached);

    /// <summary>Sidebands attached now.</summary>
    public int SidebandsOpen => Volatile.Read(ref _sidebandsOpen);

    /// <summary>Why the call ended (hangup, peer connection closed, session ended…), or null while it runs.</summary>
    public string? EndReason => Volatile.Read(ref _endReason);

    /// <summary>The id of the media front process that serves the call (for tests that kill it).</summary>
    internal int FrontProcessId { get; set; }

    /// <summary>Completes when the call has ended.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Waits until <paramref name="predicate"/> holds, checked now and after every change of this call.</summary>
    /// <param name="predicate">A quick test of the counters, e.g. <c>c =&gt; c.SidebandsOpen == 1</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the condition held.</returns>
    public Task WaitUntilAsync(Func<SimulatorCall, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        lock (_lock)
        {
            if (predicate(this))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    internal void MarkConnected() => Change(() => Volatile.Write(ref _connected, 1));

    internal void MarkChannelOpened() => Change(() => Volatile.Write(ref _channelOpened, 1));

    internal void AddReceived(long milliseconds) => Change(() =>
    {
        Interlocked.Increment(ref _packetsReceived);
        Interlocked.Add(ref _audioMsReceived, milliseconds);
    });

    internal void AddSent(long milliseconds) => Change(() =>
    {
        Interlocked.Increment(ref _packetsSent);
        Interlocked.Add(ref _audioMsSent, milliseconds);
    });

    internal void AddCleared() => Change(() => Interlocked.Increment(ref _cleared));

    internal void SidebandOpened() => Change(() =>
    {
        Interlocked.Increment(ref _sidebandsAttached);
        Interlocked.Increment(ref _sidebandsOpen);
    });

    internal void SidebandClosed() => Change(() => Interlocked.Decrement(ref _sidebandsOpen));

    internal void MarkEnded(string reason)
    {
        Change(() => Interlocked.CompareExchange(ref _endReason, reason, null));
        _ended.TrySetResult();
    }

    private void Change(Action update)
    {
        List<TaskCompletionSource>? fire = null;
        lock (_lock)
        {
            update();
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(this))
                {
                    (fire ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        fire?.ForEach(s => s.TrySetResult());
    }
}
