using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace RealtimeGrains.Simulator.Benchmarks;

/// <summary>One load-test client: streams input audio at real-time pace and keeps a response streaming back.</summary>
internal sealed class BenchSession(Uri uri, int chunkMs, bool idle, LoadStats stats) : IDisposable
{
    private static readonly byte[] AskForLongReply = Encoding.UTF8.GetBytes(
        """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"""
        + "\"" + string.Concat(Enumerable.Repeat("tell me a long story about the sea and the ships. ", 6)) + "\"}]}}");

    private static readonly byte[] ResponseCreate = Encoding.UTF8.GetBytes("""{"type":"response.create"}""");
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _responseStarted;
    private double _audioMsInResponse;

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    public static byte[] AppendMessage(int chunkMs)
    {
        // Quiet noise: real samples for the VAD to chew on, below its speech threshold.
        var random = new Random(1);
        var pcm = new byte[chunkMs * 48];
        for (var i = 0; i < pcm.Length; i += 2)
        {
            var value = (short)random.Next(-200, 200);
            pcm[i] = (byte)value;
            pcm[i + 1] = (byte)(value >> 8);
        }

        return Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(pcm)}}"}""");
    }

    public async Task RunAsync(byte[] append, CancellationToken cancellationToken)
    {
        try
        {
            _socket.Options.SetRequestHeader("api-key", LoadTest.ApiKey);
            await _socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref stats.Connected);
            var receive = ReceiveLoopAsync(cancellationToken);
            if (idle)
            {
                await receive.ConfigureAwait(false);
                return;
            }

            await SendAsync(AskForLongReply, cancellationToken).ConfigureAwait(false);
            await SendAsync(ResponseCreate, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(chunkMs));
            var started = Stopwatch.GetTimestamp();
            long sent = 0;
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SendAsync(append, cancellationToken).ConfigureAwait(false);
                sent++;
                var behind = Stopwatch.GetElapsedTime(started).TotalMilliseconds - (sent * chunkMs);
                stats.InputLateness.Record(Math.Max(0, behind));
                Interlocked.Increment(ref stats.InputChunks);
            }

            await receive.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            Interlocked.Increment(ref stats.Failures);
        }
        finally
        {
            _socket.Abort();
        }
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                OnEvent(buffer.AsSpan(0, length));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    private void OnEvent(ReadOnlySpan<byte> json)
    {
        var type = StringValue(json, "\"type\":\""u8);
        if (type.SequenceEqual("response.output_audio.delta"u8))
        {
            var expectedAt = _responseStarted + (long)(_audioMsInResponse * Stopwatch.Frequency / 1000);
            var lateMs = (Stopwatch.GetTimestamp() - expectedAt) * 1000.0 / Stopwatch.Frequency;
            stats.OutputLateness.Record(Math.Max(0, lateMs));
            var base64 = StringValue(json, "\"delta\":\""u8);
            _audioMsInResponse += base64.Length * 3 / 4 / 48.0;
            Interlocked.Increment(ref stats.OutputChunks);
        }
        else if (type.SequenceEqual("response.created"u8))
        {
            _responseStarted = Stopwatch.GetTimestamp();
            _audioMsInResponse = 0;
        }
        else if (type.SequenceEqual("response.done"u8))
        {
            Interlocked.Increment(ref stats.Responses);
            _ = SendAsync(ResponseCreate, CancellationToken.None);
        }
        else if (type.SequenceEqual("error"u8))
        {
            Interlocked.Increment(ref stats.ErrorEvents);
        }
    }

    private static ReadOnlySpan<byte> StringValue(ReadOnlySpan<byte> json, ReadOnlySpan<byte> marker)
    {
        var start = json.IndexOf(marker);
        if (start < 0)
        {
            return [];
        }

        var value = json[(start + marker.Length)..];
        var end = value.IndexOf((byte)'"');
        return end < 0 ? [] : value[..end];
    }
}
