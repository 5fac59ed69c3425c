using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;

namespace RealtimeGrains.Simulator.Tests.Connect;

public sealed class EphemeralKeyTests
{
    private static async Task<(HttpStatusCode Status, JsonObject? Body)> MintAsync(SimulatorServer server, string path, JsonObject body, string? apiKey = SimulatorServer.ApiKey)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        using var response = await http.SendAsync(request).WaitAsync(RawRealtimeClient.Deadline);
        var json = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(RawRealtimeClient.Deadline) : null;
        return (response.StatusCode, json);
    }

    private static async Task<HttpStatusCode> ConnectWithKeyAsync(SimulatorServer server, string key)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        try
        {
            await socket.ConnectAsync(server.WebSocketUri($"/openai/v1/realtime?model={SimulatorServer.Model}"), CancellationToken.None).WaitAsync(RawRealtimeClient.Deadline);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task AzureGaClientSecret_ExpiresAfterItsLifetime()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o => o.TimeProvider = clock);
        var (status, body) = await MintAsync(server, "/openai/v1/realtime/client_secrets", new JsonObject
        {
            ["expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = 60 },
            ["session"] = new JsonObject { ["type"] = "realtime", ["model"] = SimulatorServer.Model, ["instructions"] = "From the key." },
        });
        var key = (string)body!["value"]!;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds() + 60, (long?)body["expires_at"]);
        Assert.Equal("From the key.", (string?)body["session"]!["instructions"]);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectWithKeyAsync(server, key));
        var record = await server.Inspector.WaitForSessionAsync().WaitAsync(RawRealtimeClient.Deadline);
        Assert.Contains("\"instructions\":\"From the key.\"", record.ConfigHistory[0], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectWithKeyAsync(server, key));
    }

    [Fact]
    public async Task PreviewSessionsKey_LastsOneMinute()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await SimulatorServer.StartAsync(o => o.TimeProvider = clock);
        var (_, body) = await MintAsync(server, "/openai/realtimeapi/sessions?api-version=2025-04-01-preview", new JsonObject { ["model"] = SimulatorServer.Model });
        var key = (string)body!["client_secret"]!["value"]!;

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectWithKeyAsync(server, key));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectWithKeyAsync(server, key));
    }

    [Fact]
    public async Task Mint_WithoutKey_Gets401_AndUnknownDeployment_Gets404()
    {
        await using var server = await SimulatorServer.StartAsync();

        var (unauthorized, _) = await MintAsync(server, "/v1/realtime/sessions", new JsonObject { ["model"] = SimulatorServer.Model }, apiKey: null);
        var (notFound, _) = await MintAsync(server, "/v1/realtime/client_secrets", new JsonObject { ["session"] = new JsonObject { ["type"] = "realtime", ["model"] = "nope" } });

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, notFound);
    }
}
