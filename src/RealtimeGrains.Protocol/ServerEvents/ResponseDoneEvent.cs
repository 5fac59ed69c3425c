namespace RealtimeGrains.Protocol;

/// <summary><c>response.done</c>: A response ended (completed, cancelled, failed or incomplete).</summary>
public sealed class ResponseDoneEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseDone;

    /// <summary>The final response.</summary>
    public RealtimeResponse? Response { get; set; }
}
