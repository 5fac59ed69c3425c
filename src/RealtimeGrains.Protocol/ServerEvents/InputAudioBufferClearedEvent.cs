namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.cleared</c>: The input buffer was cleared.</summary>
public sealed class InputAudioBufferClearedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferCleared;
}
