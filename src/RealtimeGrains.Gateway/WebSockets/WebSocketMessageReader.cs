using System.Buffers;
using System.Net.WebSockets;

namespace RealtimeGrains.Gateway;

/// <summary>The one reader of a socket: reassembles frames into whole messages up to a size limit.</summary>
internal sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);

    /// <summary>The last message read (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Message => _buffer.WrittenMemory;

    public async Task<MessageReadStatus> ReadAsync(CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        var tooLarge = false;
        while (true)
        {
            var memory = _buffer.GetMemory(8 * 1024);
            var result = await socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return MessageReadStatus.Closed;
            }

            if (!tooLarge)
            {
                _buffer.Advance(result.Count);
                if (_buffer.WrittenCount > maxMessageBytes)
                {
                    tooLarge = true;
                }
            }

            if (tooLarge)
            {
                _buffer.ResetWrittenCount();
            }

            if (result.EndOfMessage)
            {
                return tooLarge ? MessageReadStatus.TooLarge
                    : result.MessageType == WebSocketMessageType.Binary ? MessageReadStatus.Binary
                    : MessageReadStatus.Message;
            }
        }
    }
}
