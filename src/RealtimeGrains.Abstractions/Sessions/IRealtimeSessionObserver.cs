namespace RealtimeGrains.Sessions;

/// <summary>A client of a session (for example a gateway connection), attached with <see cref="IRealtimeSessionGrain.AttachAsync"/>.</summary>
[Alias("RealtimeGrains.Sessions.IRealtimeSessionObserver")]
public interface IRealtimeSessionObserver : IGrainObserver
{
    /// <summary>Receives the session's messages, one at a time, in order.</summary>
    /// <param name="message">The message.</param>
    /// <returns>A task that completes once the message is queued.</returns>
    [OneWay]
    [Alias("OnSessionEventAsync")]
    Task OnSessionEventAsync(SessionEvent message);
}
