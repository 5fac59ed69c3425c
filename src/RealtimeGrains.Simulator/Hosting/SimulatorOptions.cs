namespace RealtimeGrains.Simulator;

/// <summary>Options of the Realtime simulator (<c>services.AddRealtimeSimulator(o => …)</c>).</summary>
public sealed class SimulatorOptions
{
    /// <summary>Configuration section name used by hosts that bind options from configuration.</summary>
    public const string SectionName = "RealtimeSimulator";

    /// <summary>API keys accepted on connect and on the ephemeral-key endpoints. Empty: any non-empty key is accepted.</summary>
    public IList<string> ApiKeys { get; } = new List<string>();

    /// <summary>Deployment/model names that exist. Empty: any name exists. Unknown names get HTTP 404 <c>DeploymentNotFound</c>.</summary>
    public IList<string> Deployments { get; } = new List<string>();

    /// <summary>Maximum session duration, after which the session gets <c>session_expired</c> and is closed. Default 30 minutes (Azure).</summary>
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Lifetime of ephemeral keys minted by the preview/beta sessions endpoints. Default 1 minute.</summary>
    public TimeSpan EphemeralKeyLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Output pacing relative to real time: 1 = real time, 2 = twice as fast, 0 = as fast as possible.</summary>
    public double SpeedFactor { get; set; } = 1.0;

    /// <summary>Milliseconds of audio per output audio delta event.</summary>
    public int AudioChunkMs { get; set; } = 100;

    /// <summary>Largest accepted client WebSocket message in bytes (the service accepts 15 MiB of audio per append).</summary>
    public int MaxMessageBytes { get; set; } = 21 * 1024 * 1024;

    /// <summary>Rules of the scripted model, tried in order before those of <see cref="ScriptFilePath"/>.</summary>
    public IList<ScriptRule> Rules { get; } = new List<ScriptRule>();

    /// <summary>Optional JSON file with more rules (see <see cref="ScriptFile"/>).</summary>
    public string? ScriptFilePath { get; set; }

    /// <summary>Placeholder transcript for input audio that carries no tone code (there is no speech recogniser).</summary>
    public string PlaceholderTranscript { get; set; } = "[unintelligible audio]";

    /// <summary>Delay of input transcription events after a commit, in milliseconds of (speed-scaled) time.</summary>
    public int TranscriptionDelayMs { get; set; } = 50;

    /// <summary>Like OpenAI today: beta sessions on <c>/v1/realtime</c> get <c>beta_api_shape_disabled</c> and are closed (Azure preview paths are unaffected).</summary>
    public bool DisableOpenAIBeta { get; set; }

    /// <summary>
    /// How long a session's socket may go without receiving anything from the client before the simulator sends a
    /// keep-alive frame: a ping when <see cref="KeepAliveTimeout"/> is on, else an unsolicited pong (a heartbeat only).
    /// Default 30 seconds; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> sends none.
    /// Runs on real time (the WebSocket's own timer), not on <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the simulator waits for the pong to a keep-alive ping before it aborts the socket: the session then ends
    /// as for any dropped client and its connection counts as closed (<see cref="SimulatorConnection.KeepAliveTimedOut"/>).
    /// This is how a frozen client (SIGSTOP), whose TCP connection the kernel keeps open, is detected: it is dropped
    /// <see cref="KeepAliveInterval"/> + timeout after it last sent anything, give or take the WebSocket timer's granularity
    /// (at most half the smaller of the two later). A client answers pings only while it has a receive pending (the .NET <c>ClientWebSocket</c> does so inside
    /// <c>ReceiveAsync</c>). Default off (<see cref="Timeout.InfiniteTimeSpan"/>; <see cref="TimeSpan.Zero"/> is off too),
    /// since Azure does not document dropping clients that way; requires <see cref="KeepAliveInterval"/>.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Faults injected at random, at rates (section <c>RealtimeSimulator:FaultRates</c>; all off by default).</summary>
    public SimulatorFaultRates FaultRates { get; } = new();

    /// <summary>WebRTC calls: the media front, ICE address and call limit (section <c>RealtimeSimulator:WebRtc</c>).</summary>
    public WebRtcOptions WebRtc { get; } = new();

    /// <summary>Whether sessions keep a record for <see cref="ISimulatorInspector"/> (switch off for load tests).</summary>
    public bool RecordSessions { get; set; } = true;

    /// <summary>Clock for key expiry, session expiry and pacing; defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
