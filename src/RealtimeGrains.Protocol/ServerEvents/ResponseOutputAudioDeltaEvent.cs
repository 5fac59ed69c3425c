namespace RealtimeGrains.Protocol;

/// <summary>
/// <c>response.output_audio.delta</c> (beta: <c>response.audio.delta</c>): a chunk of response audio. <see cref="Delta"/>
/// holds the decoded bytes; a parsed event owns a pooled buffer, so dispose it when done. An event built from caller
/// bytes borrows them. Read and written by a hand-written fast path (no intermediate base64 string).
/// </summary>
public sealed class ResponseOutputAudioDeltaEvent : ServerEvent, IDisposable
{
    private OwnedAudio _audio;

    /// <summary>Creates an event with no audio.</summary>
    public ResponseOutputAudioDeltaEvent()
    {
    }

    /// <summary>Creates an event that borrows <paramref name="audio"/> (caller keeps ownership).</summary>
    /// <param name="audio">Audio bytes in the session's output format.</param>
    public ResponseOutputAudioDeltaEvent(ReadOnlyMemory<byte> audio) => _audio.SetBorrowed(audio);

    internal ResponseOutputAudioDeltaEvent(byte[] rented, int length) => _audio.SetRented(rented, length);

    /// <inheritdoc />
    public override string Type => EventNames.ResponseOutputAudioDelta;

    /// <summary>The response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The item id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Position of the item in <c>response.output</c>.</summary>
    public int? OutputIndex { get; set; }

    /// <summary>Position of the part in <c>item.content</c>.</summary>
    public int? ContentIndex { get; set; }

    /// <summary>The decoded audio chunk (valid until <see cref="Dispose"/>). Setting it borrows the new bytes.</summary>
    public ReadOnlyMemory<byte> Delta
    {
        get => _audio.Memory;
        set => _audio.SetBorrowed(value);
    }

    /// <summary>Returns a pooled buffer, if the event owns one.</summary>
    public void Dispose() => _audio.Release();
}
