namespace RealtimeGrains.Protocol;

/// <summary><c>response.cancel</c>: Cancels the in-progress response.</summary>
public sealed class ResponseCancelEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseCancel;

    /// <summary>The response to cancel; default = the active one.</summary>
    public string? ResponseId { get; set; }
}
