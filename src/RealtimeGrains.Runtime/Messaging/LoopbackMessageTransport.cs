using System.Text.Json;
using RealtimeGrains.Runtime.Directory;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>
/// Delivers every message back to this silo after a full JSON round trip of the envelope (the body is
/// already JSON). Proves that calls survive serialization; used by the serialize-every-call mode.
/// </summary>
internal sealed class LoopbackMessageTransport : IMessageTransport
{
    private IMessageHandler? _handler;

    public void Start(IMessageHandler handler) => _handler = handler;

    public ValueTask SendAsync(SiloAddress destination, Message message, CancellationToken cancellationToken = default)
    {
        var handler = _handler ?? throw new InvalidOperationException("The transport has not been started.");
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, MessagingJsonContext.Default.Message);
        var copy = JsonSerializer.Deserialize(bytes, MessagingJsonContext.Default.Message)!;
        handler.OnMessage(new Message
        {
            Kind = copy.Kind,
            CallId = copy.CallId,
            Sender = copy.Sender,
            Target = copy.Target,
            GrainType = copy.GrainType,
            MethodId = copy.MethodId,
            OneWay = copy.OneWay,
            IsError = copy.IsError,
            Body = copy.Body,
            CancellationToken = message.CancellationToken,
        });
        return ValueTask.CompletedTask;
    }
}
