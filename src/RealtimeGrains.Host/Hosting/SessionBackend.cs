namespace RealtimeGrains.Host;

/// <summary>What clients attach to.</summary>
internal enum SessionBackend
{
    /// <summary>Session grains: server-side tools, persistence, resume, rollover (the default).</summary>
    Grain,

    /// <summary>The gateway's in-memory relay straight to the upstream (no tools, no persistence); for diagnosis.</summary>
    Relay,
}
