using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Simulator;

/// <summary>The calls in progress: creates them (session, then the front's answer), finds them by id, enforces <see cref="WebRtcOptions.MaxCalls"/>.</summary>
internal sealed class WebRtcCalls(
    SimulatorOptions options,
    SessionHost sessions,
    WebRtcFront front,
    SimulatorInspector inspector,
    IHostApplicationLifetime lifetime,
    ILogger<WebRtcCalls> logger)
{
    private static readonly TimeSpan SessionStartTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, WebRtcCall> _calls = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = options.TimeProvider ?? TimeProvider.System;
    private int _count;

    /// <summary>Why calls cannot be served (for a 503), or null.</summary>
    public string? UnavailableReason => front.Location.UnavailableReason;

    public WebRtcCall? Find(string callId) => _calls.GetValueOrDefault(callId);

    /// <summary>Reserves a place for one more call; false when <see cref="WebRtcOptions.MaxCalls"/> are in progress.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _count) <= options.WebRtc.MaxCalls)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    /// <summary>Starts the call's session and has the front answer the offer (takes over a reservation).</summary>
    /// <exception cref="WebRtcFrontException">The front refused the offer or is unavailable; the call has ended.</exception>
    public async Task<(WebRtcCall Call, string Answer)> CreateAsync(ConnectRequest request, bool filter, string sdp, CancellationToken cancellationToken)
    {
        var callId = ProtocolIds.New("rtc_");
        var sessionId = ProtocolIds.NewSessionId();
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var serverSocket = WebSocket.CreateFromStream(serverEnd, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var clientSocket = WebSocket.CreateFromStream(clientEnd, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var record = new SimulatorCall(callId, sessionId, request.Beta, request.Model, filter, _time.GetUtcNow());
        var call = new WebRtcCall(callId, record, filter, clientSocket, options.MaxMessageBytes, front, OnEnded, logger);
        _calls[callId] = call;
        _ = RunSessionAsync(request, sessionId, serverSocket);
        _ = call.RunAsync();
        try
        {
            await call.SessionCreated.WaitAsync(SessionStartTimeout, cancellationToken).ConfigureAwait(false);
            var answer = await front.OfferAsync(callId, sdp, call, cancellationToken).ConfigureAwait(false);
            record.FrontProcessId = front.ProcessId ?? 0;
            inspector.CallAnswered(record);
            return (call, answer);
        }
        catch (Exception ex)
        {
            call.End(ex is WebRtcFrontException { OfferRefused: true } ? "the offer was refused" : "the call could not be set up");
            throw;
        }
    }

    private async Task RunSessionAsync(ConnectRequest request, string sessionId, WebSocket socket)
    {
        using (socket)
        {
            await sessions.RunSessionAsync(request, sessionId, socket, lifetime.ApplicationStopping).ConfigureAwait(false);
        }
    }

    private void OnEnded(WebRtcCall call)
    {
        if (_calls.TryRemove(call.Id, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
