using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

/// <summary>The preview/beta dialect over a raw ClientWebSocket, following the Azure preview flows of the seeds.</summary>
public sealed class BetaDialectTests
{
    [Fact]
    public async Task AzurePreview_Open_SendsSessionCreatedWithDefaults_ThenConversationCreated()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);

        var created = await client.ReceiveAsync();
        var conversation = await client.ReceiveAsync();

        Assert.Equal("session.created", TypeOf(created!));
        var session = created!["session"]!;
        Assert.StartsWith("sess_", (string?)session["id"], StringComparison.Ordinal);
        Assert.Equal("alloy", (string?)session["voice"]);
        Assert.Equal("pcm16", (string?)session["input_audio_format"]);
        Assert.Equal("server_vad", (string?)session["turn_detection"]!["type"]);
        Assert.Equal(200, (int?)session["turn_detection"]!["silence_duration_ms"]);
        Assert.Equal("inf", (string?)session["max_response_output_tokens"]);
        Assert.True((long?)session["expires_at"] > DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1700);
        Assert.Equal("conversation.created", TypeOf(conversation!));
        Assert.StartsWith("conv_", (string?)conversation!["conversation"]!["id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextTurn_EmitsBetaEventsInOrder_WithConsistentIds()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}""");
        var created = await client.ReceiveUntilAsync("conversation.item.created");
        await client.SendAsync("""{"type":"response.create"}""");
        var events = await client.ReceiveThroughAsync("rate_limits.updated");

        Assert.Equal("completed", (string?)created["item"]!["status"]);
        var types = events.Select(TypeOf).Where(t => t is not ("response.audio.delta" or "response.audio_transcript.delta")).ToList();
        Assert.Equal(
            ["response.created", "response.output_item.added", "conversation.item.created", "response.content_part.added", "response.audio.done",
             "response.audio_transcript.done", "response.content_part.done", "response.output_item.done", "response.done", "rate_limits.updated"],
            types);
        var responseId = (string?)events[0]["response"]!["id"];
        var itemId = (string?)events[1]["item"]!["id"];
        foreach (var e in events.Where(e => e["item_id"] is not null))
        {
            Assert.Equal(itemId, (string?)e["item_id"]);
            Assert.Equal(responseId, (string?)e["response_id"]);
            Assert.Equal(0, (int?)e["output_index"]);
            Assert.Equal(0, (int?)e["content_index"]);
        }

        Assert.Equal("audio", (string?)events[3]["part"]!["type"]);
        var transcript = string.Concat(events.Where(e => TypeOf(e) == "response.audio_transcript.delta").Select(e => (string?)e["delta"]));
        Assert.Equal("You said: hello", transcript);
        var audio = events.Where(e => TypeOf(e) == "response.audio.delta").SelectMany(e => Convert.FromBase64String((string)e["delta"]!)).ToArray();
        Assert.True(ToneCode.TryDecode(audio, 24_000, out var spoken));
        Assert.Equal("you said: hello", spoken);
        var done = events.Single(e => TypeOf(e) == "response.done")["response"]!;
        Assert.Equal("completed", (string?)done["status"]);
        Assert.True((int?)done["usage"]!["output_token_details"]!["audio_tokens"] > 0);
        Assert.Equal(itemId, (string?)done["output"]![0]!["id"]);
    }

    [Fact]
    public async Task PushToTalk_CommitThenResponse_AnswersToneCodedQuestion()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync("""{"type":"session.update","session":{"turn_detection":null,"input_audio_transcription":{"model":"whisper-1"}}}""");
        var updated = await client.ReceiveUntilAsync("session.updated");
        Assert.Null(updated["session"]!["turn_detection"]);

        var audio = ToneCode.Encode("book a table");
        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(audio) });
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var committed = await client.ReceiveUntilAsync("input_audio_buffer.committed");
        var item = await client.ReceiveUntilAsync("conversation.item.created");
        var transcription = await client.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");
        await client.SendAsync("""{"type":"response.create","response":{"modalities":["text"]}}""");
        var text = await client.ReceiveUntilAsync("response.text.done");

        Assert.Equal((string?)committed["item_id"], (string?)item["item"]!["id"]);
        Assert.Equal("input_audio", (string?)item["item"]!["content"]![0]!["type"]);
        Assert.Equal("book a table", (string?)transcription["transcript"]);
        Assert.Equal("You said: book a table", (string?)text["text"]);
    }

    [Fact]
    public async Task EphemeralKey_MintedByPreviewSessionsEndpoint_OpensSessionWithMintedConfig()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/realtimeapi/sessions?api-version=2025-04-01-preview")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = SimulatorServer.Model, ["voice"] = "verse" }),
        };
        request.Headers.Add("api-key", SimulatorServer.ApiKey);

        using var response = await http.SendAsync(request).WaitAsync(Deadline);
        var minted = (await response.Content.ReadFromJsonAsync<JsonObject>().WaitAsync(Deadline))!;
        var key = (string)minted["client_secret"]!["value"]!;
        await using var client = await ConnectAsync(
            server.WebSocketUri($"/openai/realtime?api-version=2025-04-01-preview&deployment={SimulatorServer.Model}"),
            o => o.SetRequestHeader("Authorization", "Bearer " + key));
        var created = await client.ReceiveUntilAsync("session.created");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("realtime.session", (string?)minted["object"]);
        Assert.StartsWith("ek_", key, StringComparison.Ordinal);
        Assert.InRange((long)minted["client_secret"]!["expires_at"]!, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 50, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 61);
        Assert.Equal("verse", (string?)created["session"]!["voice"]);
    }

    [Fact]
    public async Task OutOfBandResponse_EchoesMetadata_AndStaysOutOfTheConversation()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"classify me"}]}}""");
        await client.ReceiveUntilAsync("conversation.item.created");

        await client.SendAsync("""{"type":"response.create","response":{"conversation":"none","metadata":{"topic":"x"},"modalities":["text"]}}""");
        var events = await client.ReceiveThroughAsync("response.done");

        var created = events[0]["response"]!;
        Assert.Equal("x", (string?)created["metadata"]!["topic"]);
        Assert.Null(created["conversation_id"]);
        Assert.DoesNotContain(events, e => TypeOf(e) == "conversation.item.created");
        Assert.Equal("x", (string?)events[^1]["response"]!["metadata"]!["topic"]);
        Assert.Single(server.Inspector.Sessions.Single().Items);
    }

    [Fact]
    public async Task G711Output_SendsEightBytesPerMillisecond()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync("""{"type":"session.update","session":{"output_audio_format":"g711_ulaw"}}""");
        await client.ReceiveUntilAsync("session.updated");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""");
        await client.SendAsync("""{"type":"response.create"}""");
        var events = await client.ReceiveThroughAsync("response.done");

        var bytes = events.Where(e => TypeOf(e) == "response.audio.delta").Sum(e => Convert.FromBase64String((string)e["delta"]!).Length);
        Assert.Equal(ToneCode.DurationMs("You said: hi".Length) * 8, bytes);
    }

    [Fact]
    public async Task G711Input_ToneCode_IsTranscribed()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync("""{"type":"session.update","session":{"input_audio_format":"g711_ulaw","turn_detection":null,"input_audio_transcription":{"model":"whisper-1"}}}""");
        await client.ReceiveUntilAsync("session.updated");
        var pcm = ToneCode.Encode("phone call");
        var ulaw = new byte[pcm.Length / 6];
        G711Audio.EncodeFromPcm16At24k(pcm, RealtimeGrains.Protocol.AudioEncoding.G711ULaw, ulaw);

        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.append", ["audio"] = Convert.ToBase64String(ulaw) });
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var transcription = await client.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");

        Assert.Equal("phone call", (string?)transcription["transcript"]);
        Assert.Equal(ToneCode.DurationMs("phone call".Length), server.Inspector.Sessions.Single().Items.Single().AudioMs);
    }

    [Fact]
    public async Task OutOfBandResponse_WithItemReferenceInput_AnswersThatItem_WithOverrides()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await ConnectAzurePreviewAsync(server);
        await client.ReceiveUntilAsync("conversation.created");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"id":"item_first","type":"message","role":"user","content":[{"type":"input_text","text":"the first question"}]}}""");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"the latest question"}]}}""");
        await client.ReceiveUntilAsync("conversation.item.created");
        await client.ReceiveUntilAsync("conversation.item.created");

        await client.SendAsync("""{"type":"response.create","response":{"conversation":"none","voice":"verse","modalities":["text"],"input":[{"type":"item_reference","id":"item_first"}]}}""");
        var created = await client.ReceiveUntilAsync("response.created");
        var text = await client.ReceiveUntilAsync("response.text.done");

        Assert.Equal("verse", (string?)created["response"]!["voice"]);
        Assert.Equal("You said: the first question", (string?)text["text"]);
    }
}
