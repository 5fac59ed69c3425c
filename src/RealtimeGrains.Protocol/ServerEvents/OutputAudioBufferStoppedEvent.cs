namespace RealtimeGrains.Protocol;

/// <summary><c>output_audio_buffer.stopped</c>: WebRTC/SIP: playback drained.</summary>
public sealed class OutputAudioBufferStoppedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.OutputAudioBufferStopped;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }
}
