namespace RealtimeGrains.Runtime.Messaging;

/// <summary>Receives the messages a transport delivers to this silo (implemented by the runtime).</summary>
public interface IMessageHandler
{
    /// <summary>Handles one message. For a one-way request that cannot be delivered it throws, so an in-process sender learns at once.</summary>
    /// <param name="message">The message.</param>
    void OnMessage(Message message);
}
