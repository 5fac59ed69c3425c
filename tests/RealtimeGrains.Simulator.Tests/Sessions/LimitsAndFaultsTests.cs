using System.Diagnostics;
using System.Net.WebSockets;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

public sealed class LimitsAndFaultsTests
{
    private const string AskForAudio = """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"tell me something long enough"}]}}""";

    [Fact]
    public async Task SessionExpiry_SendsSessionExpiredError_ThenCloses()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.MaxSessionDuration = TimeSpan.FromSeconds(5);
        });
        await using var client = await ConnectAzurePreviewAsync(server);
        var created = await client.ReceiveUntilAsync("session.created");
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 5, (long?)created["session"]!["expires_at"]);

        clock.Advance(TimeSpan.FromSeconds(5));
        var error = (await client.ReceiveUntilAsync("error"))["error"]!;
        var end = await client.ReceiveAsync();

        Assert.Equal("session_expired", (string?)error["code"]);
        Assert.Equal("Your session hit the maximum duration of 5 seconds.", (string?)error["message"]);
        Assert.Null(end);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task DropSocketMidResponse_AbortsWithoutCloseFrame()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Inspector.Faults.DropSocketMidResponse(audioDeltas: 2);
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync(AskForAudio);
        await client.SendAsync("""{"type":"response.create"}""");

        var failure = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (await client.ReceiveAsync() is not null)
            {
            }
        });

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, failure.WebSocketErrorCode);
        Assert.Equal(2, client.Received.Count(e => TypeOf(e) == "response.audio.delta"));
        Assert.DoesNotContain(client.Received, e => TypeOf(e) == "response.done");
    }

    [Fact]
    public async Task DelayFirstAudio_HoldsTheFirstDeltaBack()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Inspector.Faults.DelayFirstAudio(TimeSpan.FromMilliseconds(600));
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        // The clock starts before the request: the first audio can only come 600 ms after the server got it.
        var clock = Stopwatch.StartNew();
        await client.SendAsync("""{"type":"response.create"}""");
        await client.ReceiveUntilAsync("response.audio.delta");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"first audio after {clock.Elapsed}");
        await client.ReceiveUntilAsync("response.done");
    }

    [Fact]
    public async Task Stall_HoldsAllOutput_UntilReleased()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        var record = await server.Inspector.WaitForSessionAsync().WaitAsync(Deadline);

        server.Inspector.Faults.Stall();
        await client.SendAsync("""{"type":"response.create"}""");
        await record.WaitForClientEventAsync("response.create").WaitAsync(Deadline);
        var next = client.ReceiveAsync(TimeSpan.FromSeconds(30));

        // Proving an absence needs a window: nothing may arrive within 500 ms while stalled.
        var first = await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(next, first);

        server.Inspector.Faults.ReleaseStall();
        Assert.Equal("response.created", TypeOf((await next.WaitAsync(Deadline))!));
        await client.ReceiveUntilAsync("response.done");
    }

    [Fact]
    public async Task RealTimePacing_StreamsNoFasterThanTheAudio()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SpeedFactor = 4);
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"0123456789012345678901234567890123456789"}]}}""");

        // The clock starts before the request, so a slow client cannot make the stream look too fast.
        var clock = Stopwatch.StartNew();
        await client.SendAsync("""{"type":"response.create"}""");
        var events = await client.ReceiveThroughAsync("response.done");

        var audioMs = events.Where(e => TypeOf(e) == "response.audio.delta").Sum(e => Convert.FromBase64String((string)e["delta"]!).Length) / 48;
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds((audioMs - 100) / 4.0), $"{audioMs} ms of audio streamed in {clock.Elapsed}");
    }
}
