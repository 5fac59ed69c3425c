using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace RealtimeGrains.Sessions.Telemetry;

/// <summary>
/// The trace of a session: its trace id and a virtual root span id are derived from the session id (SHA-256), so every
/// span of one session — on any silo, in any activation, after any resume — joins the same trace without anything
/// being stored or passed along. The root span itself is never exported: the trace id is the join key.
/// </summary>
public static class SessionTraceContext
{
    private const string Salt = "realtimegrains.session:";

    /// <summary>The remote, sampled parent context every span of <paramref name="sessionId"/> hangs from.</summary>
    /// <param name="sessionId">The product session id.</param>
    /// <returns>The session's root context.</returns>
    public static ActivityContext For(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Salt + sessionId), hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]),
            ActivitySpanId.CreateFromBytes(hash.Slice(16, 8)),
            ActivityTraceFlags.Recorded,
            isRemote: true);
    }

    /// <summary>The trace id of <paramref name="sessionId"/> as 32 lower-case hex digits (what a trace backend searches by).</summary>
    /// <param name="sessionId">The product session id.</param>
    /// <returns>The trace id.</returns>
    public static string TraceIdOf(string sessionId) => For(sessionId).TraceId.ToHexString();
}
