using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

/// <summary>One test per error row of section 11 the simulator implements; each checks the session stays usable.</summary>
public sealed class ErrorTests
{
    private static async Task<(SimulatorServer Server, RawRealtimeClient Client)> OpenAsync(bool ga = false)
    {
        var server = await SimulatorServer.StartAsync();
        var client = ga
            ? await ConnectAsync(server.WebSocketUri($"/openai/v1/realtime?model={SimulatorServer.Model}"), o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey))
            : await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        return (server, client);
    }

    private static async Task<JsonObject> ExpectErrorAsync(RawRealtimeClient client, string json, string code, string? param = null)
    {
        await client.SendAsync(json);
        var error = (await client.ReceiveUntilAsync("error"))["error"]!.AsObject();
        Assert.Equal(code, (string?)error["code"]);
        if (param is not null)
        {
            Assert.Equal(param, (string?)error["param"]);
        }

        return error;
    }

    /// <summary>The session still answers: an item can be added and acknowledged.</summary>
    private static async Task AssertUsableAsync(RawRealtimeClient client, bool ga = false)
    {
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"still there?"}]}}""");
        var added = await client.ReceiveUntilAsync(ga ? "conversation.item.added" : "conversation.item.created");
        Assert.Equal("still there?", (string?)added["item"]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task MissingType_ReturnsInvalidEvent_AndEchoesEventId()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        var error = await ExpectErrorAsync(client, """{"event_id":"evt_1"}""", "invalid_event");

        Assert.Equal("evt_1", (string?)error["event_id"]);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task UnknownType_ReturnsInvalidValue_WithTypeParam()
    {
        var (server, client) = await OpenAsync(ga: true);
        await using var _ = server;
        await using var __ = client;

        await ExpectErrorAsync(client, """{"type":"conversation.item.explode","event_id":"e2"}""", "invalid_value", "type");

        await AssertUsableAsync(client, ga: true);
    }

    [Fact]
    public async Task UnknownField_ReturnsUnknownParameter()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        var error = await ExpectErrorAsync(client, """{"type":"session.update","session":{"foo":1}}""", "unknown_parameter", "session.foo");

        Assert.Equal("Unknown parameter: 'session.foo'.", (string?)error["message"]);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task GaSessionUpdateWithoutType_ReturnsMissingRequiredParameter()
    {
        var (server, client) = await OpenAsync(ga: true);
        await using var _ = server;
        await using var __ = client;

        await ExpectErrorAsync(client, """{"type":"session.update","session":{"instructions":"x"}}""", "missing_required_parameter", "session.type");

        await AssertUsableAsync(client, ga: true);
    }

    [Fact]
    public async Task CommitUnder100Ms_ReturnsCommitEmpty_AndKeepsTheBuffer()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;
        await client.SendAsync("""{"type":"session.update","session":{"turn_detection":null}}""");
        await client.ReceiveUntilAsync("session.updated");
        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(new byte[50 * 48]) });

        var error = await ExpectErrorAsync(client, """{"type":"input_audio_buffer.commit"}""", "input_audio_buffer_commit_empty");

        Assert.Contains("50.00ms", (string?)error["message"], StringComparison.Ordinal);
        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(new byte[60 * 48]) });
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.ReceiveUntilAsync("input_audio_buffer.committed");
    }

    [Fact]
    public async Task SecondResponseCreate_ReturnsActiveResponseError()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SpeedFactor = 1);
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"a question whose echo takes several seconds to speak"}]}}""");
        await client.SendAsync("""{"type":"response.create"}""");
        var created = await client.ReceiveUntilAsync("response.created");

        var error = await ExpectErrorAsync(client, """{"type":"response.create"}""", "conversation_already_has_active_response");

        Assert.Contains((string)created["response"]!["id"]!, (string?)error["message"], StringComparison.Ordinal);
        await client.SendAsync("""{"type":"response.cancel"}""");
        await client.ReceiveUntilAsync("response.done");
        await client.SendAsync("""{"type":"response.create","response":{"modalities":["text"]}}""");
        await client.ReceiveUntilAsync("response.done");
    }

    [Fact]
    public async Task CancelWithNothingActive_ReturnsCancelNotActive()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        var error = await ExpectErrorAsync(client, """{"type":"response.cancel","event_id":"c1"}""", "response_cancel_not_active");

        Assert.Equal("Cancellation failed: no active response found", (string?)error["message"]);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task TruncateUnknownItem_ReturnsInvalidItemId()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        await ExpectErrorAsync(client, """{"type":"conversation.item.truncate","item_id":"item_nope","content_index":0,"audio_end_ms":10}""", "item_truncate_invalid_item_id");

        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task TruncatePastEnd_ReturnsInvalidValue_AndKeepsTheItem()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;
        await client.SendAsync("""{"type":"response.create"}""");
        var done = await client.ReceiveUntilAsync("response.done");
        var itemId = (string)done["response"]!["output"]![0]!["id"]!;

        var error = await ExpectErrorAsync(client, $$"""{"type":"conversation.item.truncate","item_id":"{{itemId}}","content_index":0,"audio_end_ms":999999}""", "invalid_value", "audio_end_ms");

        Assert.Contains("is already shorter than 999999ms", (string?)error["message"], StringComparison.Ordinal);
        Assert.Empty(server.Inspector.Sessions.Single().Truncations);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task DeleteUnknownItem_ReturnsInvalidItemId()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        var error = await ExpectErrorAsync(client, """{"type":"conversation.item.delete","item_id":"item_nope"}""", "item_delete_invalid_item_id");

        Assert.Equal("Error deleting item: the item with id 'item_nope' does not exist.", (string?)error["message"]);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task RetrieveUnknownItem_ReturnsInvalidItemId()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        await ExpectErrorAsync(client, """{"type":"conversation.item.retrieve","item_id":"item_nope"}""", "item_retrieve_invalid_item_id");

        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task VoiceChangeAfterAudio_ReturnsCannotUpdateVoice_AndRejectsTheWholeUpdate()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;
        await client.SendAsync("""{"type":"response.create"}""");
        await client.ReceiveUntilAsync("response.done");

        await ExpectErrorAsync(client, """{"type":"session.update","session":{"voice":"verse","instructions":"changed"}}""", "cannot_update_voice");

        await client.SendAsync("""{"type":"session.update","session":{"instructions":"ok"}}""");
        var updated = await client.ReceiveUntilAsync("session.updated");
        Assert.Equal("alloy", (string?)updated["session"]!["voice"]);
        Assert.Equal("ok", (string?)updated["session"]!["instructions"]);
        Assert.Equal(2, server.Inspector.Sessions.Single().ConfigHistory.Count);
    }

    [Fact]
    public async Task InvalidBase64Append_ReturnsError_AndSessionGoesOn()
    {
        var (server, client) = await OpenAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendAsync("""{"type":"input_audio_buffer.append","audio":"%%% not base64 %%%"}""");
        var error = (await client.ReceiveUntilAsync("error"))["error"]!;

        Assert.Equal("audio", (string?)error["param"]);
        await AssertUsableAsync(client);
    }

    [Fact]
    public async Task BetaOnOpenAIWhenDisabled_ReturnsBetaApiShapeDisabled_AndCloses()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.DisableOpenAIBeta = true);
        await using var client = await ConnectAsync(server.WebSocketUri($"/v1/realtime?model={SimulatorServer.Model}"), o =>
        {
            o.SetRequestHeader("Authorization", "Bearer " + SimulatorServer.ApiKey);
            o.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        });

        var error = (await client.ReceiveUntilAsync("error"))["error"]!;
        var end = await client.ReceiveAsync();

        Assert.Equal("beta_api_shape_disabled", (string?)error["code"]);
        Assert.Null(end);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, client.Socket.CloseStatus);
    }
}
