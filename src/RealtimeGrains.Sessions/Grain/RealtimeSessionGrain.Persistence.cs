using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace RealtimeGrains.Sessions;

/// <summary>
/// Write-behind persistence. An item boundary marks the conversation dirty and returns at once: the turn that handles
/// an upstream event never waits for storage. At most one write is in flight per grain; boundaries that arrive meanwhile
/// coalesce into one write of the latest state when it completes. Each write serializes the state inside a turn of this
/// grain (the loop's awaits come back to the activation), and writes stay ETag-checked and in order because the next
/// one starts only after the previous one returned its ETag. Writes are at least <c>PersistInterval</c> apart: a boundary
/// soon after a write waits out the rest of the interval, so the boundaries of one turn share a write. Deactivation and idle
/// flush (cut the wait short and await the write); a failed write is logged and retried at the next
/// boundary or flush.
/// </summary>
internal sealed partial class RealtimeSessionGrain
{
    private Task _writeBehind = Task.CompletedTask;
    private bool _dirty;
    private bool _persistStopped;
    private long _lastWriteStarted = -1;
    private CancellationTokenSource? _persistWait;
    private int _flushes;

    /// <summary>Marks the state dirty and starts a write unless one is in flight (which then writes again).</summary>
    private void PersistSoon()
    {
        if (_persistStopped)
        {
            return;
        }

        _dirty = true;
        if (_writeBehind.IsCompleted)
        {
            _writeBehind = WriteBehindAsync();
        }
    }

    /// <summary>
    /// Writes the current state through the same single-writer chain and waits for it. If the write-behind attempt
    /// failed (already logged), one more write is made whose failure reaches the caller.
    /// </summary>
    private async Task FlushStateAsync()
    {
        if (_persistStopped)
        {
            return;
        }

        _flushes++;
        try
        {
            PersistSoon();
            _persistWait?.Cancel();
            await WaitForWritesAsync();
            if (_dirty && !_persistStopped)
            {
                _dirty = false;
                _writeBehind = WriteOnceAsync();
                await _writeBehind;
            }
        }
        finally
        {
            _flushes--;
        }
    }

    /// <summary>Stops write-behind (the state is about to be cleared) and waits for the write in flight.</summary>
    private Task StopPersistingAsync()
    {
        _persistStopped = true;
        _dirty = false;
        _persistWait?.Cancel();
        return WaitForWritesAsync();
    }

    private async Task WaitForWritesAsync()
    {
        while (!_writeBehind.IsCompleted)
        {
            await _writeBehind;
        }
    }

    private async Task WriteBehindAsync()
    {
        while (_dirty && !_persistStopped)
        {
            await WaitOutPersistIntervalAsync();
            if (!_dirty || _persistStopped)
            {
                return;
            }

            _dirty = false;
            try
            {
                await WriteOnceAsync();
            }
#pragma warning disable CA1031 // Storage failures must not fail the event turn; the state stays dirty and is retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _dirty = true;
                LogPersistFailed(_logger, _sessionId, ex);
                return;
            }
        }
    }

    private async Task WaitOutPersistIntervalAsync()
    {
        if (_lastWriteStarted < 0 || _flushes > 0)
        {
            return;
        }

        var wait = _options.PersistInterval - _time.GetElapsedTime(_lastWriteStarted);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var cut = new CancellationTokenSource();
        _persistWait = cut;
        try
        {
            await Task.Delay(wait, _time, cut.Token);
        }
        catch (OperationCanceledException)
        {
            // A flush cut the wait short: write now.
        }
        finally
        {
            _persistWait = null;
        }
    }

    private async Task WriteOnceAsync()
    {
        _lastWriteStarted = _time.GetTimestamp();
        if (_closing && !_persisted.RecordExists && State.Items.Count == 0)
        {
            return;
        }

        if (!OwnsSession)
        {
            // The lease ended (a frozen or cut-off silo): whatever this activation holds must not land.
            await LoseOwnershipAsync("its silo's session lease ended");
            return;
        }

        try
        {
            await WriteStateMeasuredAsync();
        }
        catch (InconsistentStateException ex)
        {
            // Another owner wrote a newer record: this activation is stale and must not overwrite it.
            LogStaleState(_logger, _sessionId, ex.Message);
            await LoseOwnershipAsync("another activation took the session");
        }
    }

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Session {SessionId}: writing the conversation state failed; retrying at the next item boundary")]
    private static partial void LogPersistFailed(ILogger logger, string sessionId, Exception exception);
}
