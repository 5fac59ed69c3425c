namespace RealtimeGrains;

/// <summary>
/// The runtime side of one activation: identity, lifetime control and its scheduler. A grain reaches
/// it through <see cref="Grain.GrainContext"/>; code outside grain turns (a socket receive loop) uses
/// <see cref="RunAsTurnAsync"/> to get back onto the grain's scheduler.
/// </summary>
public interface IGrainContext
{
    /// <summary>The identity of the grain.</summary>
    GrainId GrainId { get; }

    /// <summary>The factory for references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>Deactivates the grain as soon as no request is running.</summary>
    void DeactivateOnIdle();

    /// <summary>Keeps the grain from idle collection for at least <paramref name="timeSpan"/> from now.</summary>
    /// <param name="timeSpan">How long to keep it.</param>
    void DelayDeactivation(TimeSpan timeSpan);

    /// <summary>
    /// Keeps the grain from idle collection until the returned handle is disposed (for an attached
    /// client or an open socket; traffic outside grain calls does not count as activity).
    /// Handles are counted; disposing twice is harmless.
    /// </summary>
    /// <returns>The handle that releases the hold.</returns>
    IDisposable HoldKeepAlive();

    /// <summary>Registers a timer whose callbacks run as grain turns.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="options">Due time, period and the keep-alive and interleave options.</param>
    /// <returns>The timer; dispose it to stop it. It stops by itself on deactivation.</returns>
    IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options);

    /// <summary>
    /// Runs <paramref name="work"/> on the grain's scheduler as a turn, queued like a request (FIFO, one
    /// turn at a time unless <paramref name="interleave"/>). The way for code running outside grain
    /// turns, such as a socket receive loop, to hand events to the grain. Does not count as activity
    /// for idle collection unless the grain says so (<see cref="DelayDeactivation"/>).
    /// </summary>
    /// <param name="work">The work to run inside the grain.</param>
    /// <param name="interleave">Whether the turn may interleave with a running request.</param>
    /// <param name="cancellationToken">Cancels the wait for the turn (not the running work).</param>
    /// <returns>A task that completes when the work has completed.</returns>
    /// <exception cref="InvalidOperationException">The activation is no longer running.</exception>
    Task RunAsTurnAsync(Func<Task> work, bool interleave = false, CancellationToken cancellationToken = default);
}
