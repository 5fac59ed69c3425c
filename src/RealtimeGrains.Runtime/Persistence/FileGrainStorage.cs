using System.Security.Cryptography;
using System.Text;

namespace RealtimeGrains.Runtime.Persistence;

/// <summary>
/// Grain state in files, one per state: <c>root/stateName/grainType/key.state</c>. A write goes to a
/// temporary file that is flushed to disk and then renamed over the old one, so a crash leaves the
/// old or the new state, never a torn one. The first line holds the format tag and the ETag.
/// </summary>
internal sealed class FileGrainStorage : IGrainStorage
{
    private const string Header = "rgstate1 ";
    private const string Extension = ".state";
    private readonly string _root;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public FileGrainStorage(string rootPath)
    {
        _root = Path.GetFullPath(rootPath);
        System.IO.Directory.CreateDirectory(_root);
    }

    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), path => ReadFileAsync(path, cancellationToken), cancellationToken);

    public Task<string> WriteAsync(string stateName, GrainId grainId, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), async path =>
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            EtagCheck.Ensure(stateName, grainId, stored?.Etag, expectedEtag);
            var etag = EtagCheck.NewEtag();
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(Header + etag + "\n"), cancellationToken).ConfigureAwait(false);
                    await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            return etag;
        }, cancellationToken);

    public Task ClearAsync(string stateName, GrainId grainId, string? expectedEtag, CancellationToken cancellationToken = default) =>
        UnderGateAsync(PathOf(stateName, grainId), async path =>
        {
            var stored = await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
            EtagCheck.Ensure(stateName, grainId, stored?.Etag, expectedEtag);
            File.Delete(path);
            return true;
        }, cancellationToken);

    /// <summary>The file that holds a state (public to tests that inspect files).</summary>
    internal string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(_root, Escape(stateName), Escape(grainId.Type), Escape(grainId.Key) + Extension);

    private static async Task<GrainStateRecord?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        var header = newline < 0 ? string.Empty : Encoding.ASCII.GetString(bytes, 0, newline);
        if (!header.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The state file '{path}' has no '{Header.Trim()}' header.");
        }

        return new GrainStateRecord(bytes[(newline + 1)..], header[Header.Length..]);
    }

    // Read-check-replace of one file is serialized by one of a fixed set of gates (chosen by path hash).
    private async Task<T> UnderGateAsync<T>(string path, Func<string, Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_locks.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(path).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    // Keeps names portable and safe: letters, digits, '-' and '_' pass; anything else (including '.',
    // so '..' cannot climb out of the root) becomes '~' and its hex code. Long names are hashed.
    private static string Escape(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('~').Append(((int)c).ToString("x4"));
            }
        }

        return builder.Length <= 160 ? builder.ToString() : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
    }
}
