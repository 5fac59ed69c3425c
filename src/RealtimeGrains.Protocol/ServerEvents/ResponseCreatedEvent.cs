namespace RealtimeGrains.Protocol;

/// <summary><c>response.created</c>: A response started.</summary>
public sealed class ResponseCreatedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseCreated;

    /// <summary>The response (in_progress).</summary>
    public RealtimeResponse? Response { get; set; }
}
