namespace RealtimeGrains;

/// <summary>
/// Base class of grain implementations. One activation of a grain runs one turn at a time on its own
/// scheduler; keep grain code on it (no <c>ConfigureAwait(false)</c> in grain methods).
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>Creates the grain; the runtime supplies the context of the activation being created.</summary>
    protected Grain() => _context = GrainContextSlot.Activating;

    /// <summary>The runtime context of this activation.</summary>
    /// <exception cref="InvalidOperationException">The grain was not created by the runtime.</exception>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException("This grain was not created by the grain runtime.");
        internal set => _context = value;
    }

    /// <summary>The identity of this grain.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The string key of this grain.</summary>
    /// <returns>The key.</returns>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The Guid key of this grain (for <see cref="IGrainWithGuidKey"/> grains).</summary>
    /// <returns>The key.</returns>
    public Guid GetPrimaryKey() => Guid.Parse(GrainId.Key);

    /// <summary>Runs as the first turn of a new activation, before any request.</summary>
    /// <param name="cancellationToken">Cancelled if activation takes too long.</param>
    /// <returns>A task that completes when the grain is ready.</returns>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the last turn of an activation, after the last request.</summary>
    /// <param name="reason">Why the activation ends.</param>
    /// <param name="cancellationToken">Cancelled when the deactivation deadline passes.</param>
    /// <returns>A task that completes when the grain has cleaned up.</returns>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this grain as soon as no request is running.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <summary>Keeps this grain from idle collection for at least <paramref name="timeSpan"/> from now.</summary>
    /// <param name="timeSpan">How long to keep it.</param>
    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>Keeps this grain from idle collection until the returned handle is disposed.</summary>
    /// <returns>The handle that releases the hold.</returns>
    protected IDisposable HoldKeepAlive() => GrainContext.HoldKeepAlive();

    /// <summary>Registers a timer whose callbacks run as turns of this grain.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="options">Due time, period, keep-alive and interleave options.</param>
    /// <returns>The timer; dispose it to stop it.</returns>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        GrainContext.RegisterGrainTimer(callback, options);

    /// <summary>Registers a timer whose callbacks run as turns of this grain.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="dueTime">Delay before the first tick.</param>
    /// <param name="period">Interval between ticks (<see cref="Timeout.InfiniteTimeSpan"/> for one tick).</param>
    /// <returns>The timer; dispose it to stop it.</returns>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainContext.RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Runs <paramref name="work"/> as a turn of this grain; see <see cref="IGrainContext.RunAsTurnAsync"/>.</summary>
    /// <param name="work">The work.</param>
    /// <param name="interleave">Whether the turn may interleave with a running request.</param>
    /// <param name="cancellationToken">Cancels the wait for the turn.</param>
    /// <returns>A task that completes when the work has completed.</returns>
    protected Task RunAsTurnAsync(Func<Task> work, bool interleave = false, CancellationToken cancellationToken = default) =>
        GrainContext.RunAsTurnAsync(work, interleave, cancellationToken);
}
