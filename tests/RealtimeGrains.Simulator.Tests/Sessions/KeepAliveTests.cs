using System.Diagnostics;
using System.Net.WebSockets;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.TestKit.Deadline;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

public sealed class KeepAliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // Detection takes interval + timeout plus the WebSocket timer's granularity; the rest is for a loaded CI machine.
    // The timeout is also how long the answering peer has to pong, so it stays generous.
    private static readonly TimeSpan DropDeadline = Interval + Timeout + TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SilentPeer_IsDroppedAfterIntervalPlusTimeout_AndCountedClosed_WhileAnAnsweringPeerStays()
    {
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.KeepAliveInterval = Interval;
            o.KeepAliveTimeout = Timeout;
        });

        // The answering peer connects first and keeps a receive pending, so ClientWebSocket answers every ping.
        await using var live = await ConnectForSessionAsync(server, "live", "silo-live");
        using var stopDraining = new CancellationTokenSource();
        var draining = DrainAsync(live.Socket, stopDraining.Token);

        var clock = Stopwatch.StartNew();
        using var silent = await SilentWebSocketPeer.ConnectAsync(server.BaseUri, $"/openai/realtime?api-version=2025-04-01-preview&deployment={SimulatorServer.Model}",
        [
            new("api-key", SimulatorServer.ApiKey),
            new(SimulatorConnectionHeaders.Session, "frozen"),
            new(SimulatorConnectionHeaders.Silo, "silo-frozen"),
        ]);
        Assert.Equal(1, server.Inspector.GetConnectionStats("frozen")!.Open);

        var dropped = await server.Inspector.WaitForConnectionStatsAsync("frozen", s => s.Open == 0)
            .Within($"the silent peer to be dropped within {DropDeadline}", DropDeadline);
        var elapsed = clock.Elapsed;

        var connection = Assert.Single(dropped.Connections);
        Assert.True(connection.KeepAliveTimedOut, "the connection did not end by keep-alive timeout");
        // The ping goes out only after an interval without data, and the abort only after the timeout (timer ticks are ±16 ms).
        var lived = connection.ClosedAt!.Value - connection.OpenedAt;
        Assert.True(lived >= Interval + Timeout - TimeSpan.FromMilliseconds(50), $"dropped after {lived}, before interval + timeout");
        var record = server.Inspector.Sessions.Single(r => r.SessionId == connection.SimulatorSessionId);
        await record.Closed.Within("the simulator session of the silent peer to end");
        await silent.WaitForServerCloseAsync().Within("the server to close the silent peer's TCP connection");

        // The answering peer has been open longer than the silent one and survived the same pings.
        var alive = server.Inspector.GetConnectionStats("live")!;
        Assert.Equal(1, alive.Open);
        Assert.Equal(WebSocketState.Open, live.Socket.State);
        Assert.False(draining.IsCompleted, $"the answering peer's socket ended after {elapsed}: {draining.Exception?.GetBaseException().Message}");

        await stopDraining.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => draining).Within("the drain loop to stop");
    }

    private static async Task DrainAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The server closed the answering peer: {result.CloseStatus} {result.CloseStatusDescription}");
            }
        }
    }
}
