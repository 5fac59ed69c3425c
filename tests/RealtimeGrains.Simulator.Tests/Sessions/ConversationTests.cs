using System.Net.WebSockets;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

public sealed class ConversationTests
{
    private static string UserText(string text, string? id = null, string? previous = null) =>
        new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["previous_item_id"] = previous,
            ["item"] = new JsonObject
            {
                ["id"] = id,
                ["type"] = "message",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
            },
        }.ToJsonString();

    [Fact]
    public async Task ItemCreate_HonoursPreviousItemId_RootAndUnknown()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");

        await client.SendAsync(UserText("first", "item_a"));
        await client.ReceiveUntilAsync("conversation.item.created");
        await client.SendAsync(UserText("zeroth", "item_0", "root"));
        var root = await client.ReceiveUntilAsync("conversation.item.created");
        await client.SendAsync(UserText("middle", "item_m", "item_0"));
        var middle = await client.ReceiveUntilAsync("conversation.item.created");
        await client.SendAsync(UserText("lost", "item_x", "item_missing"));
        var error = (await client.ReceiveUntilAsync("error"))["error"]!;

        Assert.Null((string?)root["previous_item_id"]);
        Assert.Equal("item_0", (string?)middle["previous_item_id"]);
        Assert.Equal("previous_item_id", (string?)error["param"]);
        Assert.Equal(["item_0", "item_m", "item_a"], server.Inspector.Sessions.Single().Items.Select(i => i.Id));
    }

    [Fact]
    public async Task SpeechDuringResponse_WithInterruptResponse_CancelsWithTurnDetected()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SpeedFactor = 1);
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync(UserText("please say something long so I can interrupt you"));
        await client.SendAsync("""{"type":"response.create"}""");
        await client.ReceiveUntilAsync("response.audio.delta");

        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(ToneCode.Encode("stop")) });
        var events = await client.ReceiveThroughAsync("response.done");

        Assert.Contains(events, e => TypeOf(e) == "input_audio_buffer.speech_started");
        var done = events[^1]["response"]!;
        Assert.Equal("cancelled", (string?)done["status"]);
        Assert.Equal("turn_detected", (string?)done["status_details"]!["reason"]);
        Assert.Equal("incomplete", (string?)done["output"]![0]!["status"]);
    }

    [Fact]
    public async Task BinaryFrame_GetsInvalidEvent_AndSessionGoesOn()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");

        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Deadline);
        var error = (await client.ReceiveUntilAsync("error"))["error"]!;
        await client.SendAsync(UserText("after binary"));

        Assert.Equal("invalid_event", (string?)error["code"]);
        await client.ReceiveUntilAsync("conversation.item.created");
    }

    [Fact]
    public async Task RecordedEvents_ShowWhatTheClientSent()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        var record = await server.Inspector.WaitForSessionAsync().WaitAsync(Deadline);

        await client.SendAsync("""{"type":"session.update","event_id":"mine","session":{"instructions":"Recorded."}}""");
        var received = await record.WaitForClientEventAsync("session.update").WaitAsync(Deadline);
        await client.ReceiveUntilAsync("session.updated");

        Assert.Contains("\"event_id\":\"mine\"", received, StringComparison.Ordinal);
        Assert.Equal("azure-preview", record.Endpoint);
        Assert.Equal(SimulatorServer.Model, record.Model);
        Assert.Contains("\"instructions\":\"Recorded.\"", record.ConfigHistory[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GaIdleTimeout_CommitsTheSilence_AndAnswers()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAsync(server.WebSocketUri($"/openai/v1/realtime?model={SimulatorServer.Model}"), o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));
        await client.ReceiveUntilAsync("session.created");
        await client.SendAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","idle_timeout_ms":5000}}}}}""");
        await client.ReceiveUntilAsync("session.updated");

        var second = Convert.ToBase64String(Pcm16.Silence(1000));
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = second });
        }

        var timeout = await client.ReceiveUntilAsync("input_audio_buffer.timeout_triggered");
        var committed = await client.ReceiveUntilAsync("input_audio_buffer.committed");
        await client.ReceiveUntilAsync("response.created");

        Assert.Equal(5000, (int?)timeout["audio_end_ms"]);
        Assert.Equal((string?)timeout["item_id"], (string?)committed["item_id"]);
    }
}
