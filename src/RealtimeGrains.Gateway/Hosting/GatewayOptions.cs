namespace RealtimeGrains.Gateway;

/// <summary>Options of the gateway (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// Server credentials of the applications allowed to mint client tokens (<c>api-key</c> or <c>Authorization: Bearer</c>
    /// on the sessions endpoints). Empty: minting over HTTP is switched off. Never returned or logged.
    /// </summary>
    public IList<string> ServerCredentials { get; } = new List<string>();

    /// <summary>How long a minted client token can be used to connect. Default 60 seconds.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the resume token a SignalR client receives on attach stays valid. Default 10 minutes.</summary>
    public TimeSpan ResumeTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often an attached client's gateway tells the session grain it is still there (and learns whether the grain's
    /// activation is still the one it attached to: after a silo dies the client is told to reconnect). Default 2 s.
    /// </summary>
    public TimeSpan SessionKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Base64 HMAC key (at least 32 bytes) that signs client tokens. Empty: a random key per process.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>Largest SignalR message a client may send, in bytes. Default 256 KiB.</summary>
    public int MaxHubMessageBytes { get; set; } = 256 * 1024;

    /// <summary>Largest WebSocket frame a client of the Realtime-compatible endpoint may send, in bytes. Default 4 MiB.</summary>
    public int MaxRealtimeFrameBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Messages (events, audio chunks) one connection may send per second on average.</summary>
    public int MessagesPerSecond { get; set; } = 100;

    /// <summary>Burst of messages one connection may send above <see cref="MessagesPerSecond"/>.</summary>
    public int MessageBurst { get; set; } = 200;

    /// <summary>Most clients attached to one session at a time; one more is refused (429 / a hub error).</summary>
    public int MaxClientsPerSession { get; set; } = 8;

    /// <summary>
    /// Most connections (Realtime endpoint and hub together) open at once from one remote address; one more is refused
    /// before its token is looked at. Behind a proxy, forward the client's address (forwarded headers) or raise this.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 500;

    /// <summary>
    /// Fastest pace, as a multiple of real time, at which a connection's input audio is taken (PCM16 24 kHz bytes per
    /// second); beyond <see cref="AudioBurst"/> ahead of it the gateway stops reading that connection until the audio is
    /// due: throttled, not queued. Default 2.
    /// </summary>
    public double MaxAudioSpeed { get; set; } = 2.0;

    /// <summary>How much audio a connection may send ahead of <see cref="MaxAudioSpeed"/> at once. Default 10 s.</summary>
    public TimeSpan AudioBurst { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most bytes of server events waiting for one client that does not read; beyond it that client's connection is
    /// dropped (the session lives on). Default 8 MiB.
    /// </summary>
    public int MaxClientQueueBytes { get; set; } = 8 * 1024 * 1024;
}
