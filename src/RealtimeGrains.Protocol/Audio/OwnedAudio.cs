using System.Buffers;

namespace RealtimeGrains.Protocol;

/// <summary>Audio bytes either borrowed from the caller or rented from the pool (then returned on release).</summary>
internal struct OwnedAudio
{
    private byte[]? _rented;

    public ReadOnlyMemory<byte> Memory { get; private set; }

    public void SetBorrowed(ReadOnlyMemory<byte> memory)
    {
        Release();
        Memory = memory;
    }

    public void SetRented(byte[] rented, int length)
    {
        Release();
        _rented = rented;
        Memory = rented.AsMemory(0, length);
    }

    public void Release()
    {
        var rented = _rented;
        _rented = null;
        Memory = ReadOnlyMemory<byte>.Empty;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
