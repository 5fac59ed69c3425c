namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.dtmf_event_received</c>: GA (SIP): a keypad key.</summary>
public sealed class InputAudioBufferDtmfEventReceivedEvent : ServerEvent
{
    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferDtmfEventReceived;

    /// <summary>The key.</summary>
    public string? Event { get; set; }

    /// <summary>When, unix seconds.</summary>
    public long? ReceivedAt { get; set; }
}
