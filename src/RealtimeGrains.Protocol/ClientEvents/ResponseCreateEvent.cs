namespace RealtimeGrains.Protocol;

/// <summary><c>response.create</c>: Asks the model for a response, optionally with per-response overrides.</summary>
public sealed class ResponseCreateEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.ResponseCreate;

    /// <summary>Per-response overrides; null = session defaults.</summary>
    public ResponseOptions? Response { get; set; }
}
