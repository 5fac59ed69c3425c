using Microsoft.Extensions.DependencyInjection;
using RealtimeGrains.Sessions.Status;

namespace RealtimeGrains.Sessions;

/// <summary>
/// The operator's view of this activation: it joins the silo's <see cref="LiveSessionRegistry"/> once active and leaves it
/// when it deactivates; <see cref="ReadStatusAsync"/> builds a <see cref="SessionStatus"/> in a turn of the pump. No
/// Orleans request is involved, so reading a status can never activate a session or open an upstream.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private const int MaxErrorLength = 300;
    private LiveSessionRegistry? _liveSessions;
    private DateTimeOffset _activatedAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    /// <summary>Joins the silo's registry of live sessions (when the host registered one).</summary>
    private void JoinLiveSessions()
    {
        _activatedAt = _time.GetUtcNow();
        _liveSessions = ServiceProvider.GetService<LiveSessionRegistry>();
        _liveSessions?.Add(this);
    }

    private void LeaveLiveSessions() => _liveSessions?.Remove(this);

    /// <summary>Remembers an upstream failure for the sessions page (code and message, no credential).</summary>
    private void RecordError(string code, string message)
    {
        var text = $"{code}: {message}";
        _lastError = text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
        _lastErrorAt = _time.GetUtcNow();
    }

    /// <summary>This activation's status, built on the grain (after the pumped work queued before it); null when it is leaving.</summary>
    internal async Task<SessionStatus?> ReadStatusAsync()
    {
        SessionStatus? status = null;
        if (!await RunTurnSafeAsync(() =>
            {
                status = BuildStatus();
                return Task.CompletedTask;
            }))
        {
            return null;
        }

        return status;
    }

    private SessionStatus BuildStatus()
    {
        var upstream = _options.Upstream;
        string? host;
        try
        {
            host = (upstream.Endpoint ?? upstream.EndpointProvider?.Invoke())?.Authority;
        }
#pragma warning disable CA1031 // A test's endpoint provider may fail; the status shows no host then.
        catch (Exception)
#pragma warning restore CA1031
        {
            host = null;
        }

        return new SessionStatus
        {
            SessionId = _sessionId,
            UpstreamKind = upstream.Kind.ToString(),
            UpstreamHost = host,
            UpstreamState = _upstream is not null ? "connected" : _replacing ? "connecting" : "disconnected",
            UpstreamGeneration = _generation,
            Clients = _observers.Count,
            ActivatedAt = _activatedAt,
            Items = State.Items.Count,
            LastError = _lastError,
            LastErrorAt = _lastErrorAt,
        };
    }
}
