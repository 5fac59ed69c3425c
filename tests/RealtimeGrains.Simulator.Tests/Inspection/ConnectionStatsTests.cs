using System.Net;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.TestKit.Deadline;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Inspection;

public sealed class ConnectionStatsTests
{
    private static string NewSession() => $"voice-{Guid.NewGuid():N}";

    private static async Task<JsonObject> GetJsonAsync(SimulatorServer server, string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var response = await http.GetAsync(path).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task TwoConcurrentConnections_OfOneSession_CountTwo_ThenOneAfterAClose()
    {
        await using var server = await SimulatorServer.StartAsync();
        var session = NewSession();
        await using var first = await ConnectForSessionAsync(server, session, "silo-a");
        await using var second = await ConnectForSessionAsync(server, session, "silo-b");

        // Counted open before the 101 went out, so no wait is needed once the client is connected.
        var both = server.Inspector.GetConnectionStats(session)!;
        Assert.Equal((2, 2), (both.Open, both.MaxConcurrent));
        Assert.Equal(["silo-a", "silo-b"], both.Connections.Select(c => c.Silo));
        Assert.All(both.Connections, c => Assert.Null(c.ClosedAt));
        var overHttp = await GetJsonAsync(server, $"/_simulator/connections/{Uri.EscapeDataString(session)}");
        Assert.Equal(session, (string?)overHttp["session"]);
        Assert.Equal((2, 2), ((int)overHttp["open"]!, (int)overHttp["maxConcurrent"]!));

        await first.DisposeAsync();
        var one = await server.Inspector.WaitForConnectionStatsAsync(session, s => s.Open == 1).Within("the first connection to count as closed");

        Assert.Equal(2, one.MaxConcurrent);
        Assert.Equal(2, server.Inspector.MaxConcurrentConnectionsPerSession);
        var closed = one.Connections[0];
        Assert.NotNull(closed.ClosedAt);
        Assert.True(closed.ClosedAt >= closed.OpenedAt, $"closed {closed.ClosedAt:O} before opened {closed.OpenedAt:O}");
        Assert.False(closed.KeepAliveTimedOut);
        Assert.Null(one.Connections[1].ClosedAt);
        Assert.Equal(server.Inspector.Sessions.Select(r => r.SessionId), one.Connections.Select(c => c.SimulatorSessionId));

        var all = await GetJsonAsync(server, "/_simulator/connections");
        Assert.Equal(2, (int)all["maxConcurrent"]!);
        Assert.Equal(1, (int)all["open"]!);
        var entry = Assert.Single(all["sessions"]!.AsArray())!;
        Assert.Equal(session, (string?)entry["session"]);
        Assert.Equal((1, 2), ((int)entry["open"]!, (int)entry["maxConcurrent"]!));
        var connections = entry["connections"]!.AsArray();
        Assert.Equal("silo-a", (string?)connections[0]!["silo"]);
        Assert.Equal(closed.ClosedAt!.Value, DateTimeOffset.Parse((string)connections[0]!["closedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("silo-b", (string?)connections[1]!["silo"]);
        Assert.Null(connections[1]!["closedAt"]);
        Assert.NotNull((string?)connections[1]!["openedAt"]);
    }

    [Fact]
    public async Task SequentialConnections_OfOneSession_NeverCountTwo()
    {
        await using var server = await SimulatorServer.StartAsync();
        var session = NewSession();
        var other = NewSession();
        // Another session's connection, open throughout, must not count toward this one.
        await using var bystander = await ConnectForSessionAsync(server, other, "silo-c");

        await using (var before = await ConnectForSessionAsync(server, session, "silo-a"))
        {
            await before.ReceiveUntilAsync("session.created");
        }

        await server.Inspector.WaitForConnectionStatsAsync(session, s => s.Open == 0).Within("the first connection to count as closed");
        await using var after = await ConnectForSessionAsync(server, session, "silo-b");
        await after.ReceiveUntilAsync("session.created");

        var stats = server.Inspector.GetConnectionStats(session)!;
        Assert.Equal((1, 1), (stats.Open, stats.MaxConcurrent));
        Assert.Equal(2, stats.Connections.Count);
        Assert.True(stats.Connections[1].OpenedAt >= stats.Connections[0].ClosedAt, "the second connection opened before the first closed");
        Assert.Equal(1, server.Inspector.MaxConcurrentConnectionsPerSession);
        Assert.Equal(new[] { session, other }.Order(StringComparer.Ordinal), server.Inspector.AllConnectionStats().Keys.Order(StringComparer.Ordinal));
        var all = await GetJsonAsync(server, "/_simulator/connections");
        Assert.Equal(1, (int)all["maxConcurrent"]!);
        Assert.Equal([other, session], all["sessions"]!.AsArray().Select(s => (string?)s!["session"]));
    }

    [Fact]
    public async Task ManyConcurrentConnects_OfOneSession_AreCountedExactly()
    {
        const int Count = 16;
        await using var server = await SimulatorServer.StartAsync();
        var session = NewSession();

        var clients = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => ConnectForSessionAsync(server, session, $"silo-{i}")));
        var open = server.Inspector.GetConnectionStats(session)!;
        Assert.Equal((Count, Count), (open.Open, open.MaxConcurrent));

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        var stats = await server.Inspector.WaitForConnectionStatsAsync(session, s => s.Open == 0).Within("every connection to count as closed");

        Assert.Equal(Count, stats.MaxConcurrent);
        Assert.Equal(Count, stats.Connections.Count);
        Assert.All(stats.Connections, c => Assert.NotNull(c.ClosedAt));
    }

    [Fact]
    public async Task ConnectsWithoutTheSessionHeader_AreNotTracked_AndAnUnknownSessionIs404()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");

        Assert.Empty(server.Inspector.AllConnectionStats());
        Assert.Equal(0, server.Inspector.MaxConcurrentConnectionsPerSession);
        var all = await GetJsonAsync(server, "/_simulator/connections");
        Assert.Empty(all["sessions"]!.AsArray());
        Assert.Equal(0, (int)all["maxConcurrent"]!);

        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var missing = await http.GetAsync("/_simulator/connections/nobody").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("session_not_found", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task SessionIdsWithReservedCharacters_AreServedOverHttp()
    {
        await using var server = await SimulatorServer.StartAsync();
        const string Session = "tenant/a b+c";
        await using var client = await ConnectForSessionAsync(server, Session, "silo-a");

        var stats = await GetJsonAsync(server, $"/_simulator/connections/{Uri.EscapeDataString(Session)}");

        Assert.Equal(Session, (string?)stats["session"]);
    }
}
