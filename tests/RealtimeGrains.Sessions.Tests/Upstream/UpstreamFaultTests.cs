using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.TestKit;

namespace RealtimeGrains.Sessions.Tests.Upstream;

/// <summary>Upstream faults: the session recovers, observers are told, nothing persisted is lost.</summary>
public sealed class UpstreamFaultTests
{
    [Fact]
    public async Task RateLimitedAtConnect_RetriesWithBackoff_ThenServesTheTurn()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        simulator.Inspector.Faults.RefuseConnects(2);
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("429-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("are you there").Within("send text (held until connected)");
        await session.CreateResponseAsync().Within("create response (held until connected)");
        await observer.WaitForStatusAsync("upstream.ready");
        await observer.WaitForEventAsync("response.done");

        Assert.Equal(3, simulator.ConnectHeaders.Count);
        Assert.Single(simulator.Inspector.Sessions);

        // Each refusal reached the client as an error with a stable code, with the wait the service asked for (Retry-After: 5).
        var errors = observer.Events.Where(e => e.Kind == SessionEventKind.ServerEvent && e.Type == "error").Select(e => RecordingObserver.Json(e)["error"]!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("upstream_rate_limited", (string?)e["code"]));
        Assert.All(errors, e => Assert.Contains("Retrying in 5 s", (string?)e["message"], StringComparison.Ordinal));
        Assert.Equal(["are you there", "You said: are you there"], (await session.GetConversationAsync().Within("read")).Items.Select(i => i.Words));
    }

    [Fact]
    public async Task HangingHandshake_TimesOut_IsRetriedWithBackoff_ThenObserversToldUnavailable()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<System.Net.Sockets.Socket>();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var acceptLoop = Task.Run(async () =>
        {
            // Accepts TCP and never answers the HTTP upgrade.
            for (var i = 0; i < 2; i++)
            {
                accepted.Add(await listener.AcceptSocketAsync());
            }
        });
        await using var silo = await SessionSilo.StartAsync(simulator, o =>
        {
            o.Upstream.Endpoint = new Uri($"http://127.0.0.1:{port}/");
            o.Upstream.ConnectTimeout = TimeSpan.FromMilliseconds(300);
            o.Upstream.ConnectAttempts = 2;
        });
        var session = silo.Session("hang-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        var status = await observer.WaitForStatusAsync("upstream.unavailable");

        await acceptLoop.Within("both attempts reached the hanging server");
        Assert.Contains("after 2 attempts (HTTP 0)", status.Detail, StringComparison.Ordinal);
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    [Fact]
    public async Task NotTransientRefusal_ObserversToldUnavailable()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator, o => o.Upstream.ApiKey = "wrong-key");
        var session = silo.Session("401-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        var status = await observer.WaitForStatusAsync("upstream.unavailable");

        Assert.Contains("HTTP 401", status.Detail, StringComparison.Ordinal);
        Assert.Single(simulator.ConnectHeaders);
        Assert.DoesNotContain("wrong-key", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketDropMidResponse_ClientToldItFailed_TurnAnsweredOnceOnTheNewUpstream_NextTurnWorks()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("drop-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("first turn").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done");

        simulator.Inspector.Faults.DropSocketMidResponse(audioDeltas: 2);
        await session.SendTextAsync("second turn").Within("send text");
        await session.CreateResponseAsync().Within("create response that drops");
        await observer.WaitForStatusAsync("upstream.reconnecting");

        // The response that died with the socket ends, for the client, as the protocol ends a failed response...
        var failed = RecordingObserver.Json(await observer.WaitForEventAsync("response.done", count: 2));
        Assert.Equal("failed", (string?)failed["response"]!["status"]);
        Assert.Equal("upstream_lost", (string?)failed["response"]!["status_details"]!["error"]!["code"]);

        // ...and the turn is answered once, on the new upstream session.
        await observer.WaitForStatusAsync("upstream.ready", count: 2);
        var answered = RecordingObserver.Json(await observer.WaitForEventAsync("response.done", count: 3));
        Assert.Equal("completed", (string?)answered["response"]!["status"]);
        var afterDrop = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Equal(["first turn", "You said: first turn", "second turn"], afterDrop.Take(3).Select(i => i.Words));
        Assert.Single(afterDrop, i => i.Words == "You said: second turn" && i.Status == "completed");
        Assert.All(afterDrop.Where(i => i.Role == "assistant" && i.Status != "completed"), i => Assert.Equal("incomplete", i.Status));

        await session.SendTextAsync("third turn").Within("send text after reconnect");
        await session.CreateResponseAsync().Within("create response after reconnect");
        await observer.WaitForEventAsync("response.done", count: 4);

        var items = (await session.GetConversationAsync().Within("read")).Items;
        Assert.Equal("You said: third turn", items[^1].Words);
        Assert.Single(items, i => i.Words == "You said: second turn");
        Assert.Equal(2, simulator.Inspector.Sessions.Count);
    }
}
