using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Faults;

/// <summary>Faults drawn at rates (<see cref="SimulatorFaultRates"/>): settings validated, faults injected and counted.</summary>
public sealed class FaultRatesTests
{
    [Fact]
    public async Task InvalidRates_StopStartUp_NamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SimulatorServer.StartAsync(o =>
        {
            o.FaultRates.ConnectRefusal = 1.5;
            o.FaultRates.EarlyExpiryMin = TimeSpan.FromSeconds(10);
            o.FaultRates.EarlyExpiryMax = TimeSpan.FromSeconds(5);
        }));

        Assert.Contains("RealtimeSimulator:FaultRates:ConnectRefusal must be a probability from 0 to 1 (was 1.5)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RealtimeSimulator:FaultRates:EarlyExpiryMin", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectRefusalRate_RefusesWith429AndTheConfiguredRetryAfter_AndCountsIt()
    {
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.FaultRates.ConnectRefusal = 1;
            o.FaultRates.RefusalRetryAfter = TimeSpan.FromSeconds(2);
        });
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("api-key", SimulatorServer.ApiKey);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
            server.WebSocketUri($"/openai/realtime?api-version=2025-04-01-preview&deployment={SimulatorServer.Model}"), CancellationToken.None));

        Assert.Equal(429, (int)socket.HttpStatusCode);
        Assert.Equal("2", socket.HttpResponseHeaders!["Retry-After"].Single());
        Assert.Equal(1, server.Inspector.Faults.Injected.ConnectRefusals);
    }

    [Fact]
    public async Task EarlyExpiryRate_ExpiresBeforeTheAnnouncedTime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.FaultRates.EarlyExpiry = 1;
            o.FaultRates.EarlyExpiryMin = TimeSpan.FromSeconds(3);
            o.FaultRates.EarlyExpiryMax = TimeSpan.FromSeconds(3);
        });
        await using var client = await ConnectAzurePreviewAsync(server);
        var created = await client.ReceiveUntilAsync("session.created");

        // The client is told the normal 30 minutes...
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 1800, (long?)created["session"]!["expires_at"]);

        // ...and the session ends after 3 s.
        clock.Advance(TimeSpan.FromSeconds(3));
        var error = (await client.ReceiveUntilAsync("error"))["error"]!;
        Assert.Equal("session_expired", (string?)error["code"]);
        Assert.Equal(1, server.Inspector.Faults.Injected.EarlyExpiries);
    }

    [Fact]
    public async Task DropRate_AbortsTheSocketMidResponse_AndCountsIt()
    {
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.FaultRates.DropMidResponse = 1;
            o.FaultRates.DropAfterMaxAudioDeltas = 1;
        });
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"tell me something long enough"}]}}""");
        await client.SendAsync("""{"type":"response.create"}""");

        await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (await client.ReceiveAsync() is not null)
            {
            }
        });

        Assert.Equal(1, client.Received.Count(e => TypeOf(e) == "response.audio.delta"));
        Assert.Equal(1, server.Inspector.Faults.Injected.MidResponseDrops);
    }

    [Fact]
    public void SameSeed_SameDraws()
    {
        static List<int> Draws(int seed)
        {
            var faults = new SimulatorFaults { Rates = new SimulatorFaultRates { Seed = seed, DropMidResponse = 0.5, DropAfterMaxAudioDeltas = 4 } };
            return Enumerable.Range(0, 200).Select(_ => faults.TakeDrop()).ToList();
        }

        var first = Draws(42);

        Assert.Equal(first, Draws(42));
        Assert.NotEqual(first, Draws(43));
        Assert.InRange(first.Count(d => d > 0), 70, 130);
        Assert.All(first.Where(d => d > 0), d => Assert.InRange(d, 1, 4));
    }
}
