namespace RealtimeGrains.Simulator;

/// <summary>
/// The session's uncommitted input audio: appends at the end, drops old audio from the front in place.
/// Storage grows by half and is kept (up to 64 KiB) so a streaming session settles on one small array.
/// </summary>
internal sealed class InputAudioBuffer
{
    private const int KeptCapacity = 64 * 1024;
    private byte[] _bytes = [];
    private int _length;

    public int Length => _length;

    public void Append(ReadOnlySpan<byte> audio)
    {
        if (_length + audio.Length > _bytes.Length)
        {
            var larger = new byte[Math.Max(_length + audio.Length, Math.Max(8 * 1024, _bytes.Length + (_bytes.Length / 2)))];
            _bytes.AsSpan(0, _length).CopyTo(larger);
            _bytes = larger;
        }

        audio.CopyTo(_bytes.AsSpan(_length));
        _length += audio.Length;
    }

    public void DropFront(int count)
    {
        count = Math.Clamp(count, 0, _length);
        _bytes.AsSpan(count, _length - count).CopyTo(_bytes);
        _length -= count;
    }

    /// <summary>Copies the content out and empties the buffer.</summary>
    public byte[] Take()
    {
        var content = _bytes.AsSpan(0, _length).ToArray();
        Clear();
        return content;
    }

    public void Clear()
    {
        _length = 0;
        if (_bytes.Length > KeptCapacity)
        {
            _bytes = [];
        }
    }
}
