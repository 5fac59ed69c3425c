using System.Text.Json;
using RealtimeGrains.Gateway.Tests.Infrastructure;

namespace RealtimeGrains.Gateway.Tests.Realtime;

/// <summary>
/// Tools a client declares are the client's: echoed in <c>session.updated</c> (the server's tool grains are not), their calls
/// reach the client, its output and <c>response.create</c> are answered; a client tool named like a server tool is refused.
/// </summary>
public sealed class ClientToolTests
{
    private const string LookupOrder = """
        {"type":"session.update","event_id":"evt_tools","session":{"type":"realtime","tools":[{"type":"function","name":"lookup_order",
         "description":"Looks up an order by its id.","parameters":{"type":"object","properties":{"order_id":{"type":"string","description":"The order id"}},"required":["order_id"]}}],
         "tool_choice":"auto"}}
        """;

    [Fact]
    public async Task ClientTool_IsEchoed_ItsCallReachesTheClient_AndItsOutputIsAnswered_ServerToolsStayHidden()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync(LookupOrder);
        var (updated, _) = await client.WaitForAsync(e => RawRealtimeSocket.TypeOf(e) == "session.updated" && Tools(e).Contains("lookup_order"), "session.updated with the client's tool");
        Assert.Equal(["lookup_order"], Tools(updated));

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Please call lookup_order for order A-1001"}]}}""");
        await client.SendAsync("""{"type":"response.create"}""");
        var (arguments, _) = await client.WaitForAsync("response.function_call_arguments.done");
        Assert.Equal("lookup_order", arguments.GetProperty("name").GetString());
        using (var args = JsonDocument.Parse(arguments.GetProperty("arguments").GetString()!))
        {
            Assert.Equal("A-1001", args.RootElement.GetProperty("order_id").GetString());
        }

        var callId = arguments.GetProperty("call_id").GetString()!;
        await client.WaitForAsync("response.done");
        await client.SendAsync($$$"""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"{{{callId}}}","output":"{\"status\":\"shipped\"}"}}""");
        await client.SendAsync("""{"type":"response.create"}""");
        var (done, _) = await client.WaitForAsync(
            e => RawRealtimeSocket.TypeOf(e) == "response.done" && e.GetProperty("response").GetProperty("output").EnumerateArray().Any(o => o.GetProperty("type").GetString() == "message"),
            "the reply after the client's output");
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        Assert.Contains("shipped", done.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientTool_NamedLikeAServerTool_IsRefused_AndTheSessionGoesOn()
    {
        await using var server = await GatewayServer.StartAsync();
        var (token, _) = await server.MintAsync();
        await using var client = await RawRealtimeSocket.ConnectAsync(server.WebSocketUri("/openai/v1/realtime?model=gpt-realtime"), token);
        await client.WaitForAsync("session.created");

        await client.SendAsync("""{"type":"session.update","event_id":"evt_clash","session":{"type":"realtime","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}}""");
        var (error, _) = await client.WaitForAsync("error");
        Assert.Equal("invalid_value", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("session.tools", error.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("evt_clash", error.GetProperty("error").GetProperty("event_id").GetString());

        await client.SendAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");
    }

    private static List<string> Tools(JsonElement sessionUpdated) =>
        sessionUpdated.GetProperty("session").TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? [.. tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()!)]
            : [];
}
