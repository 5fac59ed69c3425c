using System.Buffers;

namespace RealtimeGrains.Simulator;

/// <summary>The session's uncommitted input audio: appends at the end, drops old audio from the front in place, pooled storage.</summary>
internal sealed class InputAudioBuffer : IDisposable
{
    private byte[] _bytes = [];
    private int _length;

    public int Length => _length;

    public void Append(ReadOnlySpan<byte> audio)
    {
        if (_length + audio.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + audio.Length, Math.Max(8 * 1024, _bytes.Length * 2)));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            Return();
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

    /// <summary>Copies the content out and empties the buffer (releasing its storage).</summary>
    public byte[] Take()
    {
        var content = _bytes.AsSpan(0, _length).ToArray();
        Clear();
        return content;
    }

    public void Clear()
    {
        Return();
        _bytes = [];
        _length = 0;
    }

    public void Dispose() => Clear();

    private void Return()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }
    }
}
