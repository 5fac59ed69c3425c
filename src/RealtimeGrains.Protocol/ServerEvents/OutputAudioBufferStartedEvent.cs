namespace RealtimeGrains.Protocol;

/// <summary><c>output_audio_buffer.started</c>: WebRTC/SIP: the server started playing a response.</summary>
public sealed class OutputAudioBufferStartedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.OutputAudioBufferStarted;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }
}
