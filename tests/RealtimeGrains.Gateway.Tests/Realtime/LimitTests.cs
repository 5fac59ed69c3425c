using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>Limits a client cannot talk its way around: clients per session, connections per address, audio pace.</summary>
public sealed class LimitTests
{
    private const string GaPath = "/openai/v1/realtime?model=gpt-realtime";

    [Fact]
    public async Task OneClientMoreThanMaxClientsPerSession_IsRefused_OnBothEndpoints()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxClientsPerSession"] = "2" });
        var (first, sessionId) = await server.MintAsync();
        await using var one = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), first);
        await one.WaitForAsync("session.created");
        var (second, _) = await server.MintAsync(sessionId);
        await using var two = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), second);
        await two.WaitForAsync("session.created");

        var (third, _) = await server.MintAsync(sessionId);
        Assert.Equal((HttpStatusCode)429, await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("Authorization", "Bearer " + third)));

        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseUri, "/hubs/realtime")).Build();
        await hub.StartAsync().WaitAsync(GatewayServer.Deadline);
        var (fourth, _) = await server.MintAsync(sessionId);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<System.Text.Json.JsonElement>("Attach", fourth).WaitAsync(GatewayServer.Deadline));
        Assert.Contains("Too many clients", refused.Message, StringComparison.Ordinal);

        // The two attached clients are served as before.
        await one.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await one.WaitForAsync("input_audio_buffer.cleared");
    }

    [Fact]
    public async Task OneConnectionMoreThanMaxConnectionsPerAddress_IsRefusedBeforeItsTokenIsSpent()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Gateway:MaxConnectionsPerAddress"] = "2" });
        var (a, _) = await server.MintAsync();
        var (b, _) = await server.MintAsync();
        var (c, _) = await server.MintAsync();
        var first = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), a);
        await first.WaitForAsync("session.created");
        await using var second = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), b);
        await second.WaitForAsync("session.created");

        Assert.Equal((HttpStatusCode)429, await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath), o => o.SetRequestHeader("Authorization", "Bearer " + c)));

        // A hub connection from the same address is refused too.
        await using (var hub = new HubConnectionBuilder().WithUrl(new Uri(server.BaseUri, "/hubs/realtime"), o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets).Build())
        {
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += error =>
            {
                closed.TrySetResult(error);
                return Task.CompletedTask;
            };
            try
            {
                await hub.StartAsync().WaitAsync(GatewayServer.Deadline);
                Assert.Contains("Too many connections", (await closed.Task.WaitAsync(GatewayServer.Deadline))?.Message ?? "", StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is HubException or InvalidOperationException or HttpRequestException)
            {
                // Refused during the handshake: equally a refusal.
            }
        }

        // Once one closes, the refused token still works: it was not spent by the refusal.
        await first.DisposeAsync();
        await using var third = await ConnectWhenFreeAsync(server, c);
        await third.WaitForAsync("session.created");
    }

    [Fact]
    public async Task AudioFasterThanRealTime_IsThrottled_ByNotReadingTheConnection()
    {
        // One second of burst, then real time: 3 s of audio sent at once cannot all be taken before about 2 s have passed.
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Gateway:AudioBurst"] = "00:00:01", ["Gateway:MaxAudioSpeed"] = "1" });
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token);
        await client.WaitForAsync("session.created");
        await client.SendAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        await client.WaitForAsync("session.updated");

        var silence = Convert.ToBase64String(new byte[4_800]); // 100 ms of PCM16 24 kHz
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            await client.SendAsync($$"""{"type":"input_audio_buffer.append","audio":"{{silence}}"}""");
        }

        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8), $"the clear after 3 s of audio was answered after {clock.Elapsed.TotalSeconds:0.00} s: the audio was not paced");
    }

    /// <summary>The address's slot frees when the server has seen the first socket close; connect once it has.</summary>
    private static async Task<RawRealtimeSocket> ConnectWhenFreeAsync(GatewayServer server, string token)
    {
        using var deadline = new CancellationTokenSource(GatewayServer.Deadline);
        while (true)
        {
            var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri(GaPath + "&probe=1"), o => o.SetRequestHeader("Authorization", "Bearer not-a-token"));
            if (status != (HttpStatusCode)429)
            {
                return await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(GaPath), token);
            }

            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
