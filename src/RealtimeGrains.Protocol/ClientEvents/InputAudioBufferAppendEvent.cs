namespace RealtimeGrains.Protocol;

/// <summary>
/// <c>input_audio_buffer.append</c>: appends audio (≤ 15 MiB per event) to the input buffer. On the wire the audio is
/// base64; here it is the decoded bytes. A parsed event owns a pooled buffer: dispose the event when done with
/// <see cref="Audio"/>. An event built from caller bytes borrows them (nothing is copied; dispose is a no-op).
/// Read and written by a hand-written fast path (no intermediate base64 string).
/// </summary>
public sealed class InputAudioBufferAppendEvent : ClientEvent, IDisposable
{
    private OwnedAudio _audio;

    /// <summary>Creates an event with no audio.</summary>
    public InputAudioBufferAppendEvent()
    {
    }

    /// <summary>Creates an event that borrows <paramref name="audio"/> (caller keeps ownership).</summary>
    /// <param name="audio">Audio bytes in the session's input format.</param>
    public InputAudioBufferAppendEvent(ReadOnlyMemory<byte> audio) => _audio.SetBorrowed(audio);

    internal InputAudioBufferAppendEvent(byte[] rented, int length) => _audio.SetRented(rented, length);

    /// <inheritdoc />
    public override string Type => EventNames.InputAudioBufferAppend;

    /// <summary>The decoded audio bytes (valid until <see cref="Dispose"/>). Setting it borrows the new bytes.</summary>
    public ReadOnlyMemory<byte> Audio
    {
        get => _audio.Memory;
        set => _audio.SetBorrowed(value);
    }

    /// <summary>Returns a pooled buffer, if the event owns one.</summary>
    public void Dispose() => _audio.Release();
}
