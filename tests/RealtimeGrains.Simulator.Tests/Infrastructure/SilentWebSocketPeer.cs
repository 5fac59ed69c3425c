using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace RealtimeGrains.Simulator.Tests.Infrastructure;

/// <summary>
/// A WebSocket client that performs the upgrade handshake by hand over a raw TCP connection and then neither reads nor
/// writes: like a SIGSTOPped process, whose kernel keeps the connection open but which never answers a ping.
/// (<c>ClientWebSocket</c> answers pings by itself, so it cannot play this part.)
/// </summary>
public sealed class SilentWebSocketPeer : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private SilentWebSocketPeer(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Connects and upgrades; fails unless the server answers <c>101</c> with the right <c>Sec-WebSocket-Accept</c>.</summary>
    public static async Task<SilentWebSocketPeer> ConnectAsync(Uri baseUri, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(baseUri.Host, baseUri.Port).WaitAsync(RawRealtimeClient.Deadline);
            var peer = new SilentWebSocketPeer(tcp);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = new StringBuilder()
                .Append($"GET {pathAndQuery} HTTP/1.1\r\n")
                .Append($"Host: {baseUri.Authority}\r\n")
                .Append("Upgrade: websocket\r\n")
                .Append("Connection: Upgrade\r\n")
                .Append($"Sec-WebSocket-Key: {key}\r\n")
                .Append("Sec-WebSocket-Version: 13\r\n");
            foreach (var (name, value) in headers)
            {
                request.Append($"{name}: {value}\r\n");
            }

            request.Append("\r\n");
            await peer._stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString())).AsTask().WaitAsync(RawRealtimeClient.Deadline);

            var head = await peer.ReadResponseHeadAsync().WaitAsync(RawRealtimeClient.Deadline);
#pragma warning disable CA5350 // RFC 6455 defines Sec-WebSocket-Accept with SHA-1; it is no security measure.
            var expectedAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || !head.Contains($"Sec-WebSocket-Accept: {expectedAccept}", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The upgrade was not accepted:\n{head}");
            }

            return peer;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the server has closed the TCP connection (end of stream or reset), discarding what it had sent.</summary>
    public async Task WaitForServerCloseAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    public void Dispose() => _tcp.Dispose();

    /// <summary>Reads byte by byte up to the blank line, so none of the WebSocket frames after the head are consumed.</summary>
    private async Task<string> ReadResponseHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one) == 0)
            {
                throw new InvalidOperationException($"The server closed the connection during the handshake:\n{head}");
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
