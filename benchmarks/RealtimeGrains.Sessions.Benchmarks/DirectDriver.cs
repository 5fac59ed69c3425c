using System.Buffers;
using System.Net.WebSockets;
using RealtimeGrains.Protocol;

namespace RealtimeGrains.Sessions.Benchmarks;

/// <summary>A client talking to the simulator directly (the baseline): one socket, one reader, sends from the driver loop only.</summary>
internal sealed class DirectDriver(Uri simulator, LatencyRecorder latency) : ISessionDriver
{
    private readonly ClientWebSocket _socket = new();
    private readonly PingClock _clock = new(latency);
    private Task _receive = Task.CompletedTask;

    public bool ResponseActive => _clock.ResponseActive;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _socket.Options.SetRequestHeader("api-key", SimulatorProcess.ApiKey);
        await _socket.ConnectAsync(new Uri($"ws://{simulator.Authority}/openai/v1/realtime?model=gpt-realtime"), cancellationToken);
        _receive = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    public Task AppendAsync(byte[] audio) => SendAsync(new InputAudioBufferAppendEvent(audio));

    public async Task PingAsync()
    {
        _clock.Sent();
        await SendAsync(new ConversationItemCreateEvent { Item = RealtimeItem.UserText("ping") });
        await SendAsync(new ResponseCreateEvent());
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receive;
        _socket.Dispose();
    }

    private Task SendAsync(ClientEvent clientEvent) =>
        _socket.SendAsync(RealtimeProtocol.ToUtf8Bytes(clientEvent, ProtocolDialect.GA)!, WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                var parsed = RealtimeProtocol.ParseServerEvent(buffer.WrittenMemory, ProtocolDialect.GA);
                switch (parsed.Event)
                {
                    case ResponseOutputAudioDeltaEvent delta:
                        _clock.FirstAudio();
                        delta.Dispose();
                        break;
                    case ResponseDoneEvent:
                        _clock.Done();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
