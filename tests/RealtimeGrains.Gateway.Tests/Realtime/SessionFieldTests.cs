using System.Net;
using System.Text.Json;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>
/// The session fields the grain does not interpret (sampling, limits, noise reduction, turn-detection details, tracing)
/// reach the upstream as the client wrote them, in either generation, and come back in the session the client sees;
/// a transcription session's update is refused as upstream refuses it; a required tool call is one of the client's tools.
/// </summary>
public sealed class SessionFieldTests
{
    private const string BetaPath = "/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime";

    [Fact]
    public async Task GaUpdate_LimitsNoiseReductionTurnDetectionAndTracing_AreAppliedUpstream_AndKeptForTheNextConnection()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, sessionId) = await server.MintAsync();
        await using (var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token))
        {
            await client.WaitForAsync("session.created");
            await client.SendAsync("""
                {"type":"session.update","session":{"type":"realtime","max_output_tokens":300,"tracing":"auto",
                 "audio":{"input":{"noise_reduction":{"type":"near_field"},"turn_detection":{"type":"server_vad","threshold":0.7,"silence_duration_ms":450}}}}}
                """);
            var (updated, _) = await client.WaitForAsync("session.updated");
            AssertGaFields(updated.GetProperty("session"));
        }

        // A new connection to the same session: its session.created is the stored configuration, fields included.
        var (resume, _) = await server.MintAsync(sessionId);
        await using var again = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), resume);
        var (created, _) = await again.WaitForAsync("session.created");
        AssertGaFields(created.GetProperty("session"));
    }

    [Fact]
    public async Task BetaUpdate_MaxResponseOutputTokensAndNoiseReduction_AreAppliedUpstream_AndAJsonNullClearsNoiseReduction()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(BetaPath), configure: o => o.SetRequestHeader("api-key", token));
        await client.WaitForAsync("session.created");

        // temperature is a beta field: a GA upstream (the simulator here, as Azure GA) has none, so it is not echoed.
        await client.SendAsync("""{"type":"session.update","session":{"temperature":0.6,"max_response_output_tokens":200,"input_audio_noise_reduction":{"type":"far_field"}}}""");
        var (first, _) = await client.WaitForAsync("session.updated");
        var session = first.GetProperty("session");
        Assert.Equal(200, session.GetProperty("max_response_output_tokens").GetInt32());
        Assert.Equal("far_field", session.GetProperty("input_audio_noise_reduction").GetProperty("type").GetString());

        await client.SendAsync("""{"type":"session.update","session":{"input_audio_noise_reduction":null}}""");
        var (second, _) = await client.WaitForAsync("session.updated");
        session = second.GetProperty("session");
        Assert.True(!session.TryGetProperty("input_audio_noise_reduction", out var cleared) || cleared.ValueKind == JsonValueKind.Null, cleared.ToString());
        Assert.Equal(200, session.GetProperty("max_response_output_tokens").GetInt32());
    }

    [Fact]
    public async Task TranscriptionSessionUpdate_IsRefusedWithSessionType_InBothGenerations_AndTheSessionGoesOn()
    {
        await using var server = await GatewayServer.StartAsync();
        var (betaToken, _) = await server.MintAsync();
        await using (var beta = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri(BetaPath), configure: o => o.SetRequestHeader("api-key", betaToken)))
        {
            await beta.WaitForAsync("session.created");
            await beta.SendAsync("""{"type":"transcription_session.update","event_id":"evt_tx","session":{"input_audio_transcription":{"model":"whisper-1"}}}""");
            var (error, _) = await beta.WaitForAsync("error");
            Assert.Equal("invalid_value", error.GetProperty("error").GetProperty("code").GetString());
            Assert.Equal("session.type", error.GetProperty("error").GetProperty("param").GetString());
            Assert.Equal("evt_tx", error.GetProperty("error").GetProperty("event_id").GetString());
            await beta.SendAsync("""{"type":"input_audio_buffer.clear"}""");
            await beta.WaitForAsync("input_audio_buffer.cleared");
        }

        var (gaToken, _) = await server.MintAsync();
        await using var ga = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), gaToken);
        await ga.WaitForAsync("session.created");
        await ga.SendAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"transcription":{"model":"whisper-1"}}}}}""");
        var (gaError, _) = await ga.WaitForAsync("error");
        Assert.Equal("session.type", gaError.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task TranscriptionIntent_IsRefusedBeforeTheUpgrade()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        var status = await RawRealtimeSocket.HandshakeStatusAsync(server.WebSocketUri("/v1/realtime?intent=transcription"), o => o.SetRequestHeader("Authorization", "Bearer " + token));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory]
    [InlineData("session")]
    [InlineData("response")]
    public async Task ToolChoiceRequired_WhenTheTextFitsAServerTool_CallsTheClientsTool(string level)
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");
        var sessionChoice = level == "session" ? ""","tool_choice":"required" """ : string.Empty;
        await client.SendAsync($$$"""
            {"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"lookup_order",
             "description":"Looks up an order by its id.","parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}]{{{sessionChoice}}}}}
            """);
        await client.WaitForAsync("session.updated");

        // The weather question fits the server's hidden get_weather tool, not the client's; required still means the client's.
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"What is the weather in Paris?"}]}}""");
        await client.SendAsync(level == "response" ? """{"type":"response.create","response":{"tool_choice":"required"}}""" : """{"type":"response.create"}""");
        var (arguments, _) = await client.WaitForAsync("response.function_call_arguments.done");
        Assert.Equal("lookup_order", arguments.GetProperty("name").GetString());
    }

    private static void AssertGaFields(JsonElement session)
    {
        Assert.Equal(300, session.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("auto", session.GetProperty("tracing").GetString());
        var input = session.GetProperty("audio").GetProperty("input");
        Assert.Equal("near_field", input.GetProperty("noise_reduction").GetProperty("type").GetString());
        var turnDetection = input.GetProperty("turn_detection");
        Assert.Equal("server_vad", turnDetection.GetProperty("type").GetString());
        Assert.Equal(0.7, turnDetection.GetProperty("threshold").GetDouble());
        Assert.Equal(450, turnDetection.GetProperty("silence_duration_ms").GetInt32());
    }
}
