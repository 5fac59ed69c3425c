namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.clear</c>: Clears the input audio buffer.</summary>
public sealed class InputAudioBufferClearEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferClear;
}
