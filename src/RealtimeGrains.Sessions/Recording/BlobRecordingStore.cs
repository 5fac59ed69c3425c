using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using RealtimeGrains.Sessions.Transcripts;

namespace RealtimeGrains.Sessions.Recording;

/// <summary>
/// Recordings as block blobs <c>recordings/s_SESSION/{input,output}.wav</c> in the state store's container. Each append
/// stages its samples as a new block and a fresh 44-byte header block, then commits [header, data blocks…] with the
/// product clock's time in the <c>recordedat</c> metadata: the committed blob is always a valid WAV file. The block
/// list of a blob is cached after its first append in this process; block ids carry a random part and the commit is
/// conditional on the blob's ETag, so a second writer (a stale activation during a failover) can neither replace this
/// writer's staged blocks nor commit over blocks it does not know: its commit fails, it re-reads the list and retries once.
/// </summary>
internal sealed class BlobRecordingStore(Func<BlobContainerClient> containerFactory) : IRecordingStore
{
    private const string Prefix = "recordings/";
    private const string WrittenAtKey = "recordedat";
    private readonly Lazy<BlobContainerClient> _container = new(containerFactory);
    private readonly ConcurrentDictionary<string, BlobLayout> _layouts = new(StringComparer.Ordinal);
    private volatile bool _containerChecked;

    public async Task AppendAsync(string sessionId, RecordingDirection direction, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken = default)
    {
        var name = NameOf(sessionId, direction);
        var blob = await BlobAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            await AppendOnceAsync(blob, name, pcm16, writtenAt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Someone else committed since this writer read the block list: read it again, append after theirs.
            await AppendOnceAsync(blob, name, pcm16, writtenAt, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AppendOnceAsync(BlockBlobClient blob, string name, ReadOnlyMemory<byte> pcm16, DateTimeOffset writtenAt, CancellationToken cancellationToken)
    {
        var layout = _layouts.TryGetValue(name, out var known) ? known : await ReadLayoutAsync(blob, cancellationToken).ConfigureAwait(false);
        try
        {
            var dataId = BlockId('d', layout.DataBlocks.Count + 1);
            var headerId = BlockId('h', 0);
            using (var data = new MemoryStream(pcm16.ToArray(), writable: false))
            {
                await blob.StageBlockAsync(dataId, data, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var total = layout.DataBytes + pcm16.Length;
            using (var header = new MemoryStream(WavHeader.Create(total), writable: false))
            {
                await blob.StageBlockAsync(headerId, header, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var blocks = new List<string>(layout.DataBlocks.Count + 2) { headerId };
            blocks.AddRange(layout.DataBlocks);
            blocks.Add(dataId);
            var committed = await blob.CommitBlockListAsync(
                blocks,
                new CommitBlockListOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" },
                    Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [WrittenAtKey] = writtenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                    Conditions = layout.ETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            layout.ETag = committed.Value.ETag;
            layout.DataBlocks.Add(dataId);
            layout.DataBytes = total;
            _layouts[name] = layout;
        }
        catch
        {
            // The blob may have changed under the cached list (deleted by retention elsewhere): read it again next time.
            _layouts.TryRemove(name, out _);
            throw;
        }
    }

    public async Task<Stream?> OpenReadAsync(string sessionId, RecordingDirection direction, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(NameOf(sessionId, direction), cancellationToken).ConfigureAwait(false);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var container = _container.Value;
        if (!_containerChecked && !await container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = Prefix }, cancellationToken).ConfigureAwait(false))
        {
            var writtenAt = item.Metadata is { } metadata && metadata.TryGetValue(WrittenAtKey, out var stamp)
                && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : item.Properties.LastModified ?? DateTimeOffset.MaxValue;
            if (writtenAt < cutoff)
            {
                _layouts.TryRemove(item.Name, out _);
                if ((await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
                {
                    deleted++;
                }
            }
        }

        return deleted;
    }

    private static string NameOf(string sessionId, RecordingDirection direction) =>
        Prefix + RecordingNames.Folder(sessionId) + "/" + RecordingNames.File(direction);

    /// <summary>
    /// Block ids of one blob must all have the same length: a letter (<c>h</c> header, <c>d</c> data), ten digits and eight
    /// random hex digits (two writers never stage under the same id), base64.
    /// </summary>
    private static string BlockId(char kind, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(
            kind + index.ToString("D10", CultureInfo.InvariantCulture) + Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture)));

    private static bool IsHeader(string blockId) => Convert.FromBase64String(blockId) is [(byte)'h', ..];

    private async Task<BlockBlobClient> BlobAsync(string name, CancellationToken cancellationToken)
    {
        var container = _container.Value;
        if (!_containerChecked)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerChecked = true;
        }

        return container.GetBlockBlobClient(name);
    }

    private static async Task<BlobLayout> ReadLayoutAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        var layout = new BlobLayout();
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken).ConfigureAwait(false);
            layout.ETag = list.GetRawResponse().Headers.ETag;
            foreach (var block in list.Value.CommittedBlocks)
            {
                if (!IsHeader(block.Name))
                {
                    layout.DataBlocks.Add(block.Name);
                    layout.DataBytes += block.SizeLong;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // A new recording.
        }

        return layout;
    }

    private sealed class BlobLayout
    {
        public List<string> DataBlocks { get; } = [];

        public long DataBytes { get; set; }

        /// <summary>The blob's ETag after this writer's last commit (null: the blob did not exist).</summary>
        public ETag? ETag { get; set; }
    }
}
