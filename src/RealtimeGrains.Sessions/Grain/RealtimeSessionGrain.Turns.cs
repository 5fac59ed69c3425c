using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Work that starts outside the grain (upstream events, connects, tool results, timers) comes back through
/// <see cref="RunTurnSafeAsync"/>: it is queued, and one pump loop that runs on the activation's scheduler takes the
/// items one at a time, in order. No grain turn waits on the network: the socket loops and tools run off the grain and
/// only their results are posted. Pumped work interleaves with Orleans requests only where either awaits.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private readonly Channel<(Func<Task> Work, TaskCompletionSource<bool> Done)> _turns =
        Channel.CreateUnbounded<(Func<Task> Work, TaskCompletionSource<bool> Done)>(new UnboundedChannelOptions { SingleReader = true });

    private Task _pump = Task.CompletedTask;

    /// <summary>Starts the pump on the activation's scheduler (call from a grain turn).</summary>
    private void StartPump() => _pump = PumpAsync();

    /// <summary>Stops taking work; whatever is still queued is answered "activation gone".</summary>
    private async Task StopPumpAsync()
    {
        _turns.Writer.TryComplete();
        await _pump;
        while (_turns.Reader.TryRead(out var item))
        {
            item.Done.TrySetResult(false);
        }
    }

    private async Task PumpAsync()
    {
        while (await _turns.Reader.WaitToReadAsync())
        {
            while (_turns.Reader.TryRead(out var item))
            {
                try
                {
                    await item.Work();
                    item.Done.TrySetResult(true);
                }
#pragma warning disable CA1031 // The caller (a socket loop or a tool task) gets the failure; the pump goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    item.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on the grain, after the work queued before it; false when the activation is gone.</summary>
    private Task<bool> RunTurnSafeAsync(Func<Task> work)
    {
        if (_closing)
        {
            return Task.FromResult(false);
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _turns.Writer.TryWrite((work, done)) ? done.Task : Task.FromResult(false);
    }

    /// <summary>A one-shot timer on the product clock whose callback runs on the grain (through the pump).</summary>
    private ITimer StartTimer(Func<Task> callback, TimeSpan dueTime) =>
        _time.CreateTimer(
            static state =>
            {
                var (grain, callback) = ((RealtimeSessionGrain, Func<Task>))state!;
                _ = grain.RunTimerAsync(callback);
            },
            (this, callback),
            dueTime,
            Timeout.InfiniteTimeSpan);

    private async Task RunTimerAsync(Func<Task> callback)
    {
        try
        {
            await RunTurnSafeAsync(callback);
        }
#pragma warning disable CA1031 // A timer callback has no caller to report to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogTimerFailed(_logger, _sessionId, ex);
        }
    }

    [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "Session {SessionId}: a timer callback failed")]
    private static partial void LogTimerFailed(ILogger logger, string sessionId, Exception exception);
}
