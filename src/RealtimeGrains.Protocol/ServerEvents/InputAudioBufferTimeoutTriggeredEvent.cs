namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.timeout_triggered</c>: GA: <c>idle_timeout_ms</c> elapsed without speech.</summary>
public sealed class InputAudioBufferTimeoutTriggeredEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferTimeoutTriggered;

    /// <summary>Start of the committed silence, ms.</summary>
    public int? AudioStartMs { get; set; }

    /// <summary>End of the committed silence, ms.</summary>
    public int? AudioEndMs { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }
}
