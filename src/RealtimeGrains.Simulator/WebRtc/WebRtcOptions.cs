namespace RealtimeGrains.Simulator;

/// <summary>
/// WebRTC calls (section <c>RealtimeSimulator:WebRtc</c>): the simulator answers SDP offers through its media front, a
/// Node.js process (werift) it starts on the first call. Without Node.js or the front's <c>node_modules</c> the call
/// endpoints answer 503 saying what is missing; the rest of the simulator works as before.
/// </summary>
public sealed class WebRtcOptions
{
    /// <summary>Whether the call endpoints accept calls (default true; they answer 503 when false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The Node.js executable: a path, or a name looked up on <c>PATH</c> (default <c>node</c>).</summary>
    public string NodePath { get; set; } = "node";

    /// <summary>
    /// The media front's folder (with <c>front.js</c> and <c>node_modules</c>). Default: <c>webrtc-front</c> next to the
    /// app, else the simulator project's own folder in the source tree it was built from.
    /// </summary>
    public string? FrontDirectory { get; set; }

    /// <summary>The IP address the media front gathers its ICE host candidate on and binds to (default <c>127.0.0.1</c>).</summary>
    public string IceAddress { get; set; } = "127.0.0.1";

    /// <summary>Lowest UDP port for ICE; 0 with <see cref="IcePortMax"/> 0 (the default) lets the OS choose.</summary>
    public int IcePortMin { get; set; }

    /// <summary>Highest UDP port for ICE (see <see cref="IcePortMin"/>).</summary>
    public int IcePortMax { get; set; }

    /// <summary>Most calls at once; one more is refused with 429 (default 100).</summary>
    public int MaxCalls { get; set; } = 100;

    /// <summary>How long an answered call may take to connect its peer connection before it ends (default 30 seconds).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
