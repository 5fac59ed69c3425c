using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RealtimeGrains.Sessions.Hosting;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// The retention clean-up: every <see cref="SessionRecordingOptions.CleanupInterval"/> of the product clock it deletes
/// the recordings last written more than <see cref="SessionRecordingOptions.Retention"/> ago (whether or not recording is
/// still on, so switching it off does not keep old audio forever). Every silo runs it; deletes are idempotent.
/// </summary>
public sealed partial class RecordingRetention : IHostedService, IDisposable
{
    private readonly IRecordingStore _store;
    private readonly SessionRecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingRetention> _logger;
    private ITimer? _timer;
    private int _sweeping;

    /// <summary>Creates the clean-up.</summary>
    /// <param name="store">The recording store.</param>
    /// <param name="options">The recording options.</param>
    /// <param name="time">The product clock.</param>
    /// <param name="logger">The logger.</param>
    public RecordingRetention(
        IRecordingStore store,
        IOptions<SessionRecordingOptions> options,
        [FromKeyedServices(RealtimeClock.ServiceKey)] TimeProvider time,
        ILogger<RecordingRetention> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after each clean-up with the number of recordings it deleted.</summary>
    public event EventHandler<int>? Swept;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => _ = SweepAsync(), null, _options.CleanupInterval, _options.CleanupInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    /// <summary>Deletes expired recordings now (the timer's work).</summary>
    /// <returns>How many were deleted; 0 when a clean-up was already running.</returns>
    public async Task<int> SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return 0;
        }

        var deleted = 0;
        try
        {
            deleted = await _store.DeleteOlderThanAsync(_time.GetUtcNow() - _options.Retention).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogDeleted(_logger, deleted, _options.Retention);
            }
        }
#pragma warning disable CA1031 // The next interval tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }

        Swept?.Invoke(this, deleted);
        return deleted;
    }

    [LoggerMessage(EventId = 272, Level = LogLevel.Information, Message = "Recording clean-up deleted {Count} recordings older than {Retention}")]
    private static partial void LogDeleted(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(EventId = 273, Level = LogLevel.Warning, Message = "Recording clean-up failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
