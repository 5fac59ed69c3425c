using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace RealtimeGrains.Simulator;

/// <summary>
/// The transport of one session: one receive loop and one send loop fed by a channel, so writes never
/// interleave and no thread is held per session. A failed send aborts the socket instead of throwing at callers.
/// </summary>
internal sealed class SessionSocket(WebSocket socket, int maxMessageBytes, SimulatorFaults faults)
{
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The wait before each received frame is handled (a slow-reading service, fault injection); zero by default.</summary>
    public TimeSpan ReadDelay { get; init; }

    /// <summary>Holds the frames queued after this call for <paramref name="duration"/> (fault injection); the socket stays open.</summary>
    public void StallFor(TimeSpan duration) => _outgoing.Writer.TryWrite(new Outgoing(null, null, null) { Stall = duration });

    /// <summary>Whether the receive loop ended because the peer did not answer a keep-alive ping within the timeout.</summary>
    public bool KeepAliveTimedOut { get; private set; }

    /// <summary>Queues one text frame (a UTF-8 JSON event). Returns false once the socket is closing.</summary>
    public bool Send(byte[] utf8) => _outgoing.Writer.TryWrite(new Outgoing(utf8, null, null));

    /// <summary>Queues a close frame after everything already queued; nothing is sent after it.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        _outgoing.Writer.TryWrite(new Outgoing(null, status, reason));
        _outgoing.Writer.TryComplete();
    }

    /// <summary>Drops the connection without a close frame once everything already queued is sent (fault injection).</summary>
    public void Abort()
    {
        _outgoing.Writer.TryWrite(new Outgoing(null, null, null));
        _outgoing.Writer.TryComplete();
    }

    public async Task RunSendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_outgoing.Reader.TryRead(out var item))
                {
                    await faults.WaitUnstalledAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (item.Stall is { } stall)
                    {
                        await Task.Delay(stall, cancellationToken).ConfigureAwait(false);
                    }
                    else if (item.Payload is not null)
                    {
                        await socket.SendAsync(item.Payload, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                    }
                    else if (item.Status is { } status)
                    {
                        await socket.CloseOutputAsync(status, item.Reason, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    else
                    {
                        // Let the frames already sent reach the peer before the connection is reset.
                        await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                        socket.Abort();
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            socket.Abort();
        }
        finally
        {
            _outgoing.Writer.TryComplete();
        }
    }

    /// <summary>Receives text messages until the peer closes; oversized or binary messages are reported and skipped.</summary>
    /// <param name="onMessage">Called with each complete message (the memory is only valid during the call).</param>
    /// <param name="onInvalid">Called with a description of a rejected message.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    public async Task RunReceiveLoopAsync(Func<ReadOnlyMemory<byte>, ValueTask> onMessage, Func<string, ValueTask> onInvalid, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                var skipping = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length && !skipping)
                    {
                        if (buffer.Length >= maxMessageBytes)
                        {
                            skipping = true;
                        }
                        else
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageBytes));
                            buffer.AsSpan(0, length).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                        }
                    }

                    var target = skipping ? buffer.AsMemory() : buffer.AsMemory(length);
                    result = await socket.ReceiveAsync(target, cancellationToken).ConfigureAwait(false);
                    if (!skipping)
                    {
                        length += result.Count;
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (skipping)
                {
                    await onInvalid($"The message exceeds the maximum size of {maxMessageBytes} bytes.").ConfigureAwait(false);
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await onInvalid("Binary frames are not supported; send JSON events as text frames.").ConfigureAwait(false);
                }
                else
                {
                    if (ReadDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(ReadDelay, cancellationToken).ConfigureAwait(false);
                    }

                    await onMessage(buffer.AsMemory(0, length)).ConfigureAwait(false);
                }

                // Idle sessions should not pin a large buffer.
                if (buffer.Length > 64 * 1024)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away; the session ends.
            KeepAliveTimedOut = await EndedByKeepAliveTimeoutAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether the WebSocket's keep-alive aborted the socket because no pong came within the timeout. It stores that
    /// fault only when it caused the abort itself, and reports it as the inner exception: of the pending receive when
    /// the transport failed otherwise, and of any later operation. On Kestrel the pending receive fails with the
    /// transport's <c>ConnectionAbortedException</c> instead, so an empty receive on the (terminally) aborted socket reads it.
    /// </summary>
    private async Task<bool> EndedByKeepAliveTimeoutAsync(Exception ex)
    {
        if (socket.State != WebSocketState.Aborted)
        {
            return false;
        }

        if (IsKeepAliveFault(ex.InnerException))
        {
            return true;
        }

        try
        {
            await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (WebSocketException probe)
        {
            return IsKeepAliveFault(probe.InnerException);
        }
        catch (Exception probe) when (probe is OperationCanceledException or ObjectDisposedException or IOException)
        {
            return false;
        }

        static bool IsKeepAliveFault(Exception? inner) => inner is WebSocketException { WebSocketErrorCode: WebSocketError.Faulted }
            || (inner is AggregateException { InnerExceptions: [WebSocketException { WebSocketErrorCode: WebSocketError.Faulted }, ..] });
    }
}
