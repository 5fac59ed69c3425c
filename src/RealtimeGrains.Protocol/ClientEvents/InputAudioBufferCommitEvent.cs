namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.commit</c>: Commits the input audio buffer as a user message item.</summary>
public sealed class InputAudioBufferCommitEvent : ClientEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferCommit;
}
