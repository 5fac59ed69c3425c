namespace RealtimeGrains.Protocol;

/// <summary><c>input_audio_buffer.committed</c>: The input buffer became a user item.</summary>
public sealed class InputAudioBufferCommittedEvent : ServerEvent
{
    /// <summary>Creates the event; <c>previous_item_id</c> is written as null until set.</summary>
    public InputAudioBufferCommittedEvent()
    {
        SetExplicitNull("previous_item_id");
    }

    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferCommitted;

    /// <summary>The preceding item id, or null (always written).</summary>
    public string? PreviousItemId { get; set; }

    /// <summary>The new user item id.</summary>
    public string? ItemId { get; set; }
}
