namespace RealtimeGrains.Protocol;

/// <summary><c>output_audio_buffer.clear</c>: WebRTC/SIP: clears the server-side output audio buffer.</summary>
public sealed class OutputAudioBufferClearEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.OutputAudioBufferClear;
}
