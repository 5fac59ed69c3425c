using System.Threading.Channels;

namespace RealtimeGrains.Runtime.Benchmarks;

/// <summary>
/// The baseline: a raw request/response hand-off through one <see cref="Channel{T}"/> per "grain" with a
/// single reader loop, each request completing a TaskCompletionSource (continuations asynchronous, as
/// grain calls are). Everything a grain call does beyond this is the runtime's cost.
/// </summary>
public sealed class ChannelBaseline : IAsyncDisposable
{
    private readonly Channel<Request> _channel = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _reader;

    public ChannelBaseline() => _reader = Task.Run(ReadAsync);

    public Task<int> CallAsync(byte[]? chunk)
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
                request.Completion.TrySetResult(request.Chunk?.Length ?? 0);
            }
        }
    }

    private sealed class Request(byte[]? chunk)
    {
        public byte[]? Chunk { get; } = chunk;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
