using Microsoft.Extensions.Logging;
using RealtimeGrains.Sessions.Upstream;

namespace RealtimeGrains.Sessions;

/// <summary>
/// The stall watch: while a response is in progress the upstream streams events; one that goes quiet for
/// <see cref="RealtimeUpstreamOptions.StallTimeout"/> with its socket still open (the keep-alive does not see that) is given
/// up like a dropped one: the response is reported lost, the grain reconnects and asks again.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private ITimer? _stallTimer;
    private UpstreamConnection? _stallWatched;
    private long _lastUpstreamEventTimestamp;

    /// <summary>After each event of the current upstream: (re)arms the watch while a response is in progress, else disarms it.</summary>
    private void WatchForStall(UpstreamConnection connection)
    {
        var timeout = _options.Upstream.StallTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        if (_tracker.ActiveResponseId is null)
        {
            _stallTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _stallWatched = connection;
        _lastUpstreamEventTimestamp = _time.GetTimestamp();
        if (_stallTimer is null)
        {
            _stallTimer = StartTimer(OnStallWatchAsync, timeout);
        }
        else
        {
            _stallTimer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
    }

    private Task OnStallWatchAsync()
    {
        var timeout = _options.Upstream.StallTimeout;
        if (_stallWatched is not { } connection || connection != _upstream || _tracker.ActiveResponseId is null)
        {
            // The response ended, or its upstream was replaced, meanwhile.
            return Task.CompletedTask;
        }

        var quiet = _time.GetElapsedTime(_lastUpstreamEventTimestamp);
        if (quiet < timeout)
        {
            // An event came in meanwhile, or the timer (millisecond ticks) fired a hair before the high-resolution clock
            // says the timeout is over: watch for the rest. Returning without re-arming would leave the watch off.
            _stallTimer?.Change(timeout - quiet, Timeout.InfiniteTimeSpan);
            return Task.CompletedTask;
        }

        LogUpstreamStalled(_logger, _sessionId, _generation, timeout);
        _stallWatched = null;
        connection.Abort();

        // Abort reports nothing by itself: handle it as the loss of the socket, in a later turn.
        _ = OnUpstreamClosedAsync(connection, new TimeoutException($"No upstream event for {timeout} during a response."));
        return Task.CompletedTask;
    }

    private void StopStallWatch()
    {
        _stallTimer?.Dispose();
        _stallTimer = null;
        _stallWatched = null;
    }

    [LoggerMessage(EventId = 290, Level = LogLevel.Warning, Message = "Session {SessionId}: upstream generation {Generation} sent nothing for {Timeout} during a response; giving it up as stalled")]
    private static partial void LogUpstreamStalled(ILogger logger, string sessionId, int generation, TimeSpan timeout);
}
