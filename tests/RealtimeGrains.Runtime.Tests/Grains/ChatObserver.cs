using System.Threading.Channels;

namespace RealtimeGrains.Runtime.Tests.Grains;

/// <summary>A client-side observer (like a gateway connection) that queues what it receives.</summary>
public sealed class ChatObserver : IChatObserver
{
    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    public Task OnMessageAsync(string text) => Received.Writer.WriteAsync(text).AsTask();

    public Task OnNoticeAsync(string text) => Received.Writer.WriteAsync("notice:" + text).AsTask();
}
