using System.Net;
using System.Net.WebSockets;
using RealtimeGrains.Simulator.Tests.Infrastructure;

namespace RealtimeGrains.Simulator.Tests.Connect;

public sealed class ConnectTests
{
    private static async Task<HttpStatusCode> ConnectStatusAsync(SimulatorServer server, string pathAndQuery, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        try
        {
            await socket.ConnectAsync(server.WebSocketUri(pathAndQuery), CancellationToken.None).WaitAsync(RawRealtimeClient.Deadline);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task Connect_WithoutKey_Gets401BeforeUpgrade()
    {
        await using var server = await SimulatorServer.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectStatusAsync(server, "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnectStatusAsync(server, "/v1/realtime?model=gpt-realtime", o => o.SetRequestHeader("Authorization", "Bearer wrong")));
        Assert.Empty(server.Inspector.Sessions);
    }

    [Fact]
    public async Task Connect_UnknownDeployment_Gets404()
    {
        await using var server = await SimulatorServer.StartAsync();

        var status = await ConnectStatusAsync(server, "/openai/realtime?api-version=2025-04-01-preview&deployment=nope", o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Connect_AzureGaWithApiVersion_Gets401()
    {
        await using var server = await SimulatorServer.StartAsync();

        var status = await ConnectStatusAsync(server, "/openai/v1/realtime?model=gpt-realtime&api-version=2025-04-01-preview", o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Connect_RefusalArmed_Gets429ThenConnects()
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Inspector.Faults.RefuseConnects(1);
        const string Path = "/openai/v1/realtime?model=gpt-realtime";
        void Key(ClientWebSocketOptions o) => o.SetRequestHeader("api-key", SimulatorServer.ApiKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectStatusAsync(server, Path, Key));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectStatusAsync(server, Path, Key));
    }

    [Theory]
    [InlineData("query")]
    [InlineData("bearer")]
    [InlineData("subprotocol")]
    public async Task Connect_EachKeyForm_IsAcceptedAndSelectsRealtimeSubprotocol(string form)
    {
        await using var server = await SimulatorServer.StartAsync();
        var query = form == "query" ? $"&api-key={SimulatorServer.ApiKey}" : string.Empty;

        await using var client = await RawRealtimeClient.ConnectAsync(server.WebSocketUri("/v1/realtime?model=gpt-realtime" + query), o =>
        {
            o.AddSubProtocol("realtime");
            if (form == "bearer")
            {
                o.SetRequestHeader("Authorization", "Bearer " + SimulatorServer.ApiKey);
            }
            else if (form == "subprotocol")
            {
                o.AddSubProtocol("openai-insecure-api-key." + SimulatorServer.ApiKey);
            }
        });

        Assert.Equal("realtime", client.Socket.SubProtocol);
        var created = await client.ReceiveUntilAsync("session.created");
        Assert.Equal("gpt-realtime", (string?)created["session"]!["model"]);
    }

    [Fact]
    public async Task Connect_OpenAIWithBetaSubprotocol_SpeaksBeta()
    {
        await using var server = await SimulatorServer.StartAsync();

        await using var client = await RawRealtimeClient.ConnectAsync(server.WebSocketUri("/v1/realtime?model=gpt-realtime"), o =>
        {
            o.AddSubProtocol("realtime");
            o.AddSubProtocol("openai-insecure-api-key." + SimulatorServer.ApiKey);
            o.AddSubProtocol("openai-beta.realtime-v1");
        });

        await client.ReceiveUntilAsync("session.created");
        await client.ReceiveUntilAsync("conversation.created");
        var record = await server.Inspector.WaitForSessionAsync().WaitAsync(RawRealtimeClient.Deadline);
        Assert.True(record.Beta);
    }
}
