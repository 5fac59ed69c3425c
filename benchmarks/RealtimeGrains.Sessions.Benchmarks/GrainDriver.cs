namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>
/// A client going through a session grain (what a gateway connection does): calls in, observer messages out, put back
/// in order with a <see cref="SessionEventSequencer"/> as the gateway's observer does (Orleans does not promise the
/// order of one-way calls). The driver itself is the observer object: the drivers list keeps it alive (Orleans holds
/// observer objects weakly).
/// </summary>
internal sealed class GrainDriver(IGrainFactory grains, string sessionId, LatencyRecorder latency) : ISessionDriver, IRealtimeSessionObserver
{
    private readonly PingClock _clock = new(latency);
    private readonly SessionEventSequencer _sequencer = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IRealtimeSessionGrain? _session;
    private IRealtimeSessionObserver? _reference;

    public bool ResponseActive => _clock.ResponseActive;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _session = grains.GetGrain<IRealtimeSessionGrain>(sessionId);
        _reference = grains.CreateObjectReference<IRealtimeSessionObserver>(this);
        await _session.AttachAsync(_reference);
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public Task AppendAsync(byte[] audio) => _session!.AppendAudioAsync(audio);

    public async Task PingAsync()
    {
        _clock.Sent();
        await _session!.SendTextAsync("ping");
        await _session.CreateResponseAsync();
    }

    public Task OnSessionEventAsync(SessionEvent message)
    {
        foreach (var next in _sequencer.Accept(message))
        {
            switch (next.Type)
            {
                case "response.output_audio.delta":
                    _clock.FirstAudio();
                    break;
                case "response.done":
                    _clock.Done();
                    break;
                case "upstream.ready":
                    _ready.TrySetResult();
                    break;
            }
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.EndAsync();
            grains.DeleteObjectReference<IRealtimeSessionObserver>(_reference!);
        }
    }
}
