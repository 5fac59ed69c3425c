using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace RealtimeGrains.Persistence;

/// <summary>
/// One slot file of <see cref="FileGrainStorage"/>: a header line <c>rgstate2 SEQUENCE ETAG LENGTH CRC32C</c>, then the
/// data. A slot whose data is shorter than its length or fails its checksum was torn by a crash and is ignored.
/// A file of the earlier scheme (<c>rgstate1 ETAG</c>, written whole by rename) reads as a valid slot of sequence 0.
/// </summary>
/// <param name="Slot">0 for the first file, 1 for the alternate.</param>
/// <param name="Sequence">Higher is newer.</param>
/// <param name="Etag">The ETag the write returned.</param>
/// <param name="Data">The state bytes.</param>
#pragma warning disable CA1819 // Bytes just read from a file; copying them would add nothing.
internal sealed record StateSlot(int Slot, long Sequence, string Etag, byte[] Data)
#pragma warning restore CA1819
{
    private const string Header = "rgstate2 ";
    private const string LegacyHeader = "rgstate1 ";

    /// <summary>The newest valid slot of the two files, or null when neither holds a state.</summary>
    public static StateSlot? ReadCurrent(string path, string alternatePath)
    {
        var first = Read(path, 0);
        var second = Read(alternatePath, 1);
        if (first is null || (second is not null && second.Sequence > first.Sequence))
        {
            return second;
        }

        return first;
    }

    /// <summary>Overwrites a slot file in place (one vectored write, then the length, then fsync).</summary>
    public static void Write(string path, long sequence, string etag, ReadOnlyMemory<byte> data)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Header}{sequence} {etag} {data.Length} {Crc32C(data.Span):x8}\n"));
        var total = header.Length + data.Length;
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(handle, [header, data], 0);
        if (RandomAccess.GetLength(handle) > total)
        {
            RandomAccess.SetLength(handle, total);
        }

        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>CRC-32C (Castagnoli), hardware-accelerated where the processor has it.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    private static StateSlot? Read(string path, int slot)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        if (bytes.Length == 0 || bytes[0] == 0 || (newline < 0 && IsPrefixOfHeader(bytes)))
        {
            return null; // torn while the header was written
        }

        var header = newline < 0 ? string.Empty : Encoding.ASCII.GetString(bytes, 0, newline);
        if (header.StartsWith(LegacyHeader, StringComparison.Ordinal))
        {
            return new StateSlot(slot, 0, header[LegacyHeader.Length..], bytes[(newline + 1)..]);
        }

        if (!header.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The state file '{path}' has no '{Header.Trim()}' header.");
        }

        var fields = header[Header.Length..].Split(' ');
        if (fields.Length != 4
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || !uint.TryParse(fields[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var crc)
            || bytes.Length - newline - 1 < length)
        {
            return null; // torn
        }

        var data = bytes.AsSpan(newline + 1, length);
        return Crc32C(data) == crc ? new StateSlot(slot, sequence, fields[1], data.ToArray()) : null;
    }

    private static bool IsPrefixOfHeader(byte[] bytes)
    {
        var length = Math.Min(bytes.Length, Header.Length);
        return Encoding.ASCII.GetString(bytes, 0, length) == Header[..length];
    }
}
