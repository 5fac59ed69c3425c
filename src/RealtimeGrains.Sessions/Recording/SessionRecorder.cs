using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// One session activation's recording: a buffer per direction (reused through the writer) that audio is copied into (the only work on the
/// audio path); a full buffer goes to the <see cref="RecordingWriter"/> without waiting. Used from grain turns only.
/// </summary>
internal sealed class SessionRecorder(string sessionId, RecordingWriter writer)
{
    private readonly Buffer _input = new();
    private readonly Buffer _output = new();

    public void Append(RecordingDirection direction, ReadOnlySpan<byte> audio)
    {
        var buffer = direction == RecordingDirection.Input ? _input : _output;
        while (audio.Length > 0)
        {
            buffer.Bytes ??= writer.RentBuffer();
            var take = Math.Min(audio.Length, writer.FlushBytes - buffer.Length);
            audio[..take].CopyTo(buffer.Bytes.AsSpan(buffer.Length));
            buffer.Length += take;
            audio = audio[take..];
            if (buffer.Length == writer.FlushBytes)
            {
                HandOver(direction, buffer);
            }
        }
    }

    /// <summary>Hands over what is buffered and waits until all of this session's audio so far is stored.</summary>
    public Task FlushAsync()
    {
        HandOver(RecordingDirection.Input, _input);
        HandOver(RecordingDirection.Output, _output);
        return writer.FlushAsync(sessionId);
    }

    private void HandOver(RecordingDirection direction, Buffer buffer)
    {
        if (buffer.Bytes is null)
        {
            return;
        }

        if (buffer.Length > 0)
        {
            writer.TryEnqueue(new RecordingChunk(sessionId, direction, buffer.Bytes, buffer.Length));
        }
        else
        {
            writer.ReturnBuffer(buffer.Bytes);
        }

        buffer.Bytes = null;
        buffer.Length = 0;
    }

    private sealed class Buffer
    {
        public byte[]? Bytes { get; set; }

        public int Length { get; set; }
    }
}
