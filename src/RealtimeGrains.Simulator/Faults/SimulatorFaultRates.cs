namespace RealtimeGrains.Simulator;

/// <summary>
/// Faults injected at random, at rates (section <c>RealtimeSimulator:FaultRates</c>): each rate is a probability from 0
/// (never, the default) to 1, drawn per connect, per response or per session as named. For chaos runs under load; the armed
/// one-shot faults of <see cref="SimulatorFaults"/> stay for tests that need one fault at a known moment.
/// </summary>
public sealed class SimulatorFaultRates
{
    /// <summary>Seed of the random draws (the same seed and the same traffic give the same faults). Null: a random seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Per WebSocket connect: refuse it with HTTP 429 and <see cref="RefusalRetryAfter"/>.</summary>
    public double ConnectRefusal { get; set; }

    /// <summary>The <c>Retry-After</c> of a 429 at connect (whole seconds, 0 to 60). Default 5 s, as the service says.</summary>
    public TimeSpan RefusalRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per response: abort the socket (no close frame) after 1 to <see cref="DropAfterMaxAudioDeltas"/> audio deltas.</summary>
    public double DropMidResponse { get; set; }

    /// <summary>The most audio deltas a dropped response sends first. Default 5.</summary>
    public int DropAfterMaxAudioDeltas { get; set; } = 5;

    /// <summary>Per response: hold all of that session's output for <see cref="StallDuration"/> once the response was created.</summary>
    public double Stall { get; set; }

    /// <summary>How long an injected stall holds the session's output. Default 30 s.</summary>
    public TimeSpan StallDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Per session: send <c>session_expired</c> and close between <see cref="EarlyExpiryMin"/> and <see cref="EarlyExpiryMax"/>
    /// after the start, although <c>session.created</c> announced the normal <c>expires_at</c>.
    /// </summary>
    public double EarlyExpiry { get; set; }

    /// <summary>The earliest an early expiry comes. Default 2 s.</summary>
    public TimeSpan EarlyExpiryMin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The latest an early expiry comes. Default 20 s.</summary>
    public TimeSpan EarlyExpiryMax { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Per session: wait <see cref="SlowReadDelay"/> before reading each client frame (a slow service: the client's sends back up).</summary>
    public double SlowRead { get; set; }

    /// <summary>The wait before each frame of a slow-reading session. Default 20 ms.</summary>
    public TimeSpan SlowReadDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether any rate is above zero.</summary>
    public bool Any => ConnectRefusal > 0 || DropMidResponse > 0 || Stall > 0 || EarlyExpiry > 0 || SlowRead > 0;
}
