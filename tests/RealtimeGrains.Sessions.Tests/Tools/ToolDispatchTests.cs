using System.Text.Json.Nodes;
using RealtimeGrains.Samples.Tools.Orders;
using RealtimeGrains.Sessions.Tests.Infrastructure;
using RealtimeGrains.Simulator;
using RealtimeGrains.TestKit;
using RealtimeGrains.Tools;

namespace RealtimeGrains.Sessions.Tests.Tools;

/// <summary>Function calls answered by tool grains: parallel, with timeouts, one follow-up response, hidden from clients.</summary>
public sealed class ToolDispatchTests
{
    private static Task<SimulatorServer> StartSimulatorAsync() => SimulatorServer.StartAsync(o =>
    {
        var both = new ScriptRule { Contains = "weather and news", AfterToolReply = "Done: {output}" };
        both.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" });
        both.FunctionCalls.Add(new ScriptFunctionCall { Name = "slow_lookup", Arguments = """{"topic":"news"}""" });
        o.Rules.Add(both);
        var patient = new ScriptRule { Contains = "look it up patiently", AfterToolReply = "Found: {output}" };
        patient.FunctionCalls.Add(new ScriptFunctionCall { Name = "patient_lookup", Arguments = """{"topic":"patience"}""" });
        o.Rules.Add(patient);
        var chatty = new ScriptRule { Contains = "check it for me", AfterToolReply = "Checked: {output}" };
        chatty.FunctionCalls.Add(new ScriptFunctionCall { Name = "chatty_lookup", Arguments = """{"topic":"chatty"}""" });
        o.Rules.Add(chatty);
        var order = new ScriptRule { Regex = @"add (\w+) to order ([A-Za-z0-9-]+)", AfterToolReply = "Order updated: {output}" };
        order.FunctionCalls.Add(new ScriptFunctionCall { Name = "manage_order", Arguments = """{"orderId":"$2","action":"add","item":"$1"}""" });
        o.Rules.Add(order);
    });

    [Fact]
    public async Task TwoParallelCalls_OneTimesOut_BothOutputsSent_ThenExactlyOneFollowUp()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("tools-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("weather and news please").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done", count: 2);

        var received = simulator.Latest.ReceivedEvents.Select(e => JsonNode.Parse(e)!).ToList();
        var outputs = received.Select((e, i) => (e, i)).Where(x => (string?)x.e["item"]?["type"] == "function_call_output").ToList();
        var creates = received.Select((e, i) => (e, i)).Where(x => (string?)x.e["type"] == "response.create").ToList();
        Assert.Equal(2, outputs.Count);
        Assert.Equal(2, creates.Count);
        Assert.True(outputs.All(o => o.i < creates[1].i), "the follow-up comes after every output");

        var conversation = await session.GetConversationAsync().Within("read conversation");
        var calls = conversation.Items.Where(i => i.Type == "function_call").ToList();
        var answers = conversation.Items.Where(i => i.Type == "function_call_output").ToDictionary(i => calls.Single(c => c.CallId == i.CallId).Name!, i => i.Output!);
        Assert.Contains("\"city\":\"Paris\"", answers["get_weather"], StringComparison.Ordinal);
        Assert.Equal("timeout", (string?)JsonNode.Parse(answers["slow_lookup"])!["error"]!["type"]);
        Assert.StartsWith("Done: ", conversation.Items[^1].Words, StringComparison.Ordinal);

        // Tool traffic is consumed server-side: observers never see the calls or outputs.
        Assert.DoesNotContain("response.function_call_arguments.done", observer.ServerEventTypes);
        Assert.DoesNotContain(
            observer.Events.Where(e => e.Kind == SessionEventKind.ServerEvent && e.Type.StartsWith("conversation.item", StringComparison.Ordinal)),
            e => ((string?)RecordingObserver.Json(e)["item"]?["type"])?.StartsWith("function_call", StringComparison.Ordinal) == true);
        Assert.Equal(2, observer.ServerEventTypes.Count(t => t == "response.done"));
    }

    [Fact]
    public async Task ToolStillRunning_SessionKeepsServingTurns()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("busy-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("look it up patiently").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await SlowTool.InvokedAsync("patience").Within("tool call started");

        // The tool is blocked; the grain still takes calls and runs a whole other turn.
        await session.SendTextAsync("are you still there").Within("send text while the tool runs");
        await session.CreateResponseAsync().Within("create response while the tool runs");
        await observer.WaitForEventAsync("response.done", count: 2);
        Assert.Equal("You said: are you still there", (await session.GetConversationAsync().Within("read"))!.Items[^1].Words);

        SlowTool.Open("patience");
        await observer.WaitForEventAsync("response.done", count: 3);
        var last = (await session.GetConversationAsync().Within("read")).Items[^1];
        Assert.Equal("assistant", last.Role);
        Assert.Contains("found it", last.Words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolFollowUp_WhileTheClientsResponseStreams_WaitsForIt_InsteadOfColliding()
    {
        // Real-time pacing: the client's response streams its audio for a while, so the tool can finish in the middle of it.
        await using var simulator = await SimulatorServer.StartAsync(o =>
        {
            o.SpeedFactor = 1;
            var patient = new ScriptRule { Contains = "look it up patiently", AfterToolReply = "Found: {output}" };
            patient.FunctionCalls.Add(new ScriptFunctionCall { Name = "patient_lookup", Arguments = """{"topic":"overlap"}""" });
            o.Rules.Add(patient);
        });
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("overlap-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("look it up patiently").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await SlowTool.InvokedAsync("overlap").Within("tool call started");

        await session.SendTextAsync("tell me a long story about the sea and the lighthouse keeper and the storm").Within("send text while the tool runs");
        await session.CreateResponseAsync().Within("the client's response");
        await observer.WaitForEventAsync("response.output_audio.delta").Within("the client's response streaming");
        SlowTool.Open("overlap");

        await observer.WaitForEventAsync("response.done", count: 3).Within("the client's response, then the tool's follow-up", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(observer.Events, e => e.Type == "error");
        var last = (await session.GetConversationAsync().Within("read")).Items[^1];
        Assert.Equal("assistant", last.Role);
        Assert.Contains("overlap", last.Words, StringComparison.Ordinal); // the follow-up quotes the tool output
    }

    [Fact]
    public async Task OrderTool_KeyedByArgument_TwoSessionsShareOneOrderGrain()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var orderId = "A-" + Random.Shared.Next(1000, 9999);
        foreach (var (item, index) in new[] { "apples", "pears" }.Select((x, i) => (x, i)))
        {
            var session = silo.Session($"order-{index}-" + Guid.NewGuid().ToString("N"));
            var observer = await silo.AttachAsync(session);
            await session.SendTextAsync($"add {item} to order {orderId}").Within("send text");
            await session.CreateResponseAsync().Within("create response");
            await observer.WaitForEventAsync("response.done", count: 2);
        }

        var status = await silo.GrainFactory.GetGrain<IOrderTool>(orderId)
            .InvokeAsync(new ToolCall("test", "call_1", "manage_order", $$"""{"orderId":"{{orderId}}","action":"status"}""")).Within("order status");
        Assert.False(status.IsError);
        Assert.Equal(["apples", "pears"], JsonNode.Parse(status.Output)!["items"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task ForwardToolEvents_ShowsCallsToObservers()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("visible-" + Guid.NewGuid().ToString("N"));
        await session.ConfigureAsync(new() { ForwardToolEvents = true, Tools = ["manage_order"] }).Within("configure");
        var observer = await silo.AttachAsync(session);

        await session.SendTextAsync("add plums to order V-1").Within("send text");
        await session.CreateResponseAsync().Within("create response");
        await observer.WaitForEventAsync("response.done", count: 2);

        Assert.Contains("response.function_call_arguments.done", observer.ServerEventTypes);
        var offered = JsonNode.Parse(simulator.Latest.ConfigHistory[^1])!["tools"]!.AsArray().Select(t => (string?)t!["name"]);
        Assert.Equal(["manage_order"], offered);
    }

    [Fact]
    public async Task SlowToolWithFiller_SpeaksOutOfBand_ThenOneFollowUp()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var silo = await SessionSilo.StartAsync(simulator);
        var session = silo.Session("filler-" + Guid.NewGuid().ToString("N"));
        var observer = await silo.AttachAsync(session);
        await session.SendTextAsync("check it for me").Within("send text");
        await session.CreateResponseAsync().Within("create response");

        var filler = await observer.WaitForAsync(
            e => e.Type == "response.created" && (string?)RecordingObserver.Json(e)["response"]!["metadata"]?["purpose"] == "filler",
            "filler response");
        Assert.Null((string?)RecordingObserver.Json(filler)["response"]!["conversation_id"]);
        await observer.WaitForEventAsync("response.done", count: 2);
        SlowTool.Open("chatty");
        await observer.WaitForEventAsync("response.done", count: 3);

        var conversation = (await session.GetConversationAsync().Within("read")).Items;
        Assert.StartsWith("Checked: ", conversation[^1].Words, StringComparison.Ordinal);
        Assert.Single(conversation, i => i.Type == "function_call_output");
        Assert.Equal(2, conversation.Count(i => i.Role == "assistant" || i.Role == "user")); // the filler did not join the conversation
    }
}
