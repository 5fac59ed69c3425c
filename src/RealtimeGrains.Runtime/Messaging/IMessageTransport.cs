using RealtimeGrains.Runtime.Directory;

namespace RealtimeGrains.Runtime.Messaging;

/// <summary>
/// Carries messages between silos. The single silo uses the loopback transport only in the
/// serialize-every-call test mode; the cluster plugs a network transport in here.
/// </summary>
public interface IMessageTransport
{
    /// <summary>Sets the handler that receives this silo's inbound messages; called once at start.</summary>
    /// <param name="handler">The handler.</param>
    void Start(IMessageHandler handler);

    /// <summary>Sends a message to a silo.</summary>
    /// <param name="destination">The silo.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes when the message is handed over.</returns>
    ValueTask SendAsync(SiloAddress destination, Message message, CancellationToken cancellationToken = default);
}
