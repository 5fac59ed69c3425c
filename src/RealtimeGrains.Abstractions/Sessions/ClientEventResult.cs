namespace RealtimeGrains.Sessions;

/// <summary>The outcome of <see cref="IRealtimeSessionGrain.ForwardClientEventAsync"/>: accepted, or an error to send back to the client.</summary>
/// <param name="Accepted">Whether the event was sent (or queued) upstream.</param>
/// <param name="Code">The protocol error code when refused (<c>invalid_json</c>, <c>unsupported_event</c>, …).</param>
/// <param name="Message">The error text when refused; safe to show to the client.</param>
[GenerateSerializer]
[Alias("RealtimeGrains.Sessions.ClientEventResult")]
[Immutable]
public sealed record ClientEventResult(bool Accepted, string? Code = null, string? Message = null)
{
    /// <summary>The accepted outcome.</summary>
    public static ClientEventResult Ok { get; } = new(true);
}
