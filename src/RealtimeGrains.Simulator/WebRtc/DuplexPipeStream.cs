using System.IO.Pipelines;

namespace RealtimeGrains.Simulator;

/// <summary>
/// One end of an in-memory duplex byte stream: what it writes the other end reads. A call's session runs on a real
/// (managed) WebSocket over such a pair, so it is the same session code as on a network socket.
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly Stream _input;
    private readonly Stream _output;

    private DuplexPipeStream(PipeReader reader, PipeWriter writer)
    {
        _input = reader.AsStream();
        _output = writer.AsStream();
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Creates two connected ends.</summary>
    public static (DuplexPipeStream First, DuplexPipeStream Second) CreatePair()
    {
        var forward = new Pipe();
        var backward = new Pipe();
        return (new DuplexPipeStream(backward.Reader, forward.Writer), new DuplexPipeStream(forward.Reader, backward.Writer));
    }

    public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _input.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _input.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _output.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _output.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => _output.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Completing the writer ends the other end's reads; completing the reader unblocks its writes.
            _output.Dispose();
            _input.Dispose();
        }

        base.Dispose(disposing);
    }
}
