using System.Buffers;

namespace RealtimeGrains.Protocol;

/// <summary>Decoded audio in an <see cref="ArrayPool{T}"/> array; dispose to return it. Not usable after dispose.</summary>
public sealed class PooledAudioBuffer : IMemoryOwner<byte>
{
    private byte[]? _array;
    private readonly int _length;

    internal PooledAudioBuffer(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    /// <summary>The audio bytes.</summary>
    public Memory<byte> Memory => _array is { } a ? a.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(PooledAudioBuffer));

    /// <summary>Number of audio bytes.</summary>
    public int Length => _length;

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
