using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Recordings as WAV files under <c>ROOT/recordings/s_SESSION/{input,output}.wav</c> (ROOT: the file state directory). An
/// append writes the samples at the end, then the header's sizes; the file's last-write time is set to the product clock's
/// time of the write, which the retention clean-up reads.
/// </summary>
internal sealed class FileRecordingStore(string rootPath) : IRecordingStore
{
    private readonly string _root = Path.Combine(Path.GetFullPath(rootPath), "recordings");

    public async Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sessionId, direction);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true))
        {
            var header = new byte[WavHeader.Size];
            if (file.Length < WavHeader.Size)
            {
                file.SetLength(0);
                WavHeader.Write(header, 0);
                await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            }

            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(pcm16, cancellationToken).ConfigureAwait(false);
            WavHeader.Write(header, file.Length - WavHeader.Size);
            file.Seek(0, SeekOrigin.Begin);
            await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        }

        File.SetLastWriteTimeUtc(path, writtenAt.UtcDateTime);
    }

    public Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sessionId, direction);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            return Task.FromResult(0);
        }

        var deleted = 0;
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in Directory.EnumerateFiles(folder, "*.wav"))
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff.UtcDateTime)
                {
                    File.Delete(file);
                    deleted++;
                }
            }

            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        return Task.FromResult(deleted);
    }

    private string PathOf(string sessionId, RecordingDirection direction) =>
        Path.Combine(_root, RecordingNames.Folder(sessionId), RecordingNames.File(direction));
}
