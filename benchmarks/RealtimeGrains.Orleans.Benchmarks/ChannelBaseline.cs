using System.Threading.Channels;

namespace RealtimeGrains.OrleansBenchmarks;

/// <summary>
/// The baseline: a request/response hand-off through one <see cref="Channel{T}"/> per "grain" with a single
/// reader loop; each request completes a <see cref="TaskCompletionSource"/> (continuations asynchronous, as the
/// replies to grain calls are). The chunk is passed by reference. Everything a grain call does beyond this is
/// Orleans' cost.
/// </summary>
public sealed class ChannelBaseline : IAsyncDisposable
{
    private readonly Channel<Request> _channel = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _reader;

    public ChannelBaseline() => _reader = Task.Run(ReadAsync);

    public Task CallAsync(byte[]? chunk)
    {
        var request = new Request(chunk);
        _channel.Writer.TryWrite(request);
        return request.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.Complete();
        await _reader;
    }

    private async Task ReadAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var request))
            {
                GC.KeepAlive(request.Chunk);
                request.Completion.TrySetResult();
            }
        }
    }

    private sealed class Request(byte[]? chunk)
    {
        public byte[]? Chunk { get; } = chunk;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
