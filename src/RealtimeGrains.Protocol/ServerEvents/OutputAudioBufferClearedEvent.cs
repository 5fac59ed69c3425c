namespace RealtimeGrains.Protocol;

/// <summary><c>output_audio_buffer.cleared</c>: WebRTC/SIP: the output buffer was cleared.</summary>
public sealed class OutputAudioBufferClearedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.OutputAudioBufferCleared;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }
}
