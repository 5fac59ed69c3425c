using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;
using static RealtimeGrains.Simulator.Tests.Infrastructure.RawRealtimeClient;

namespace RealtimeGrains.Simulator.Tests.Sessions;

/// <summary>
/// Function calling as the real model shows it, over real sockets in both dialects (Azure preview = beta, Azure
/// <c>/openai/v1</c> = GA): <c>tool_choice</c> at session and response level, schema-valid arguments, automatic,
/// parallel and forced calls, rules first, and the follow-up that uses the outputs.
/// </summary>
public sealed class ToolCallTests
{
    private const string WeatherSchema = """{"type":"object","properties":{"city":{"type":"string","description":"The city, for example Paris"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}""";

    private static JsonObject Weather => Tool("get_weather", "Gets the current weather of a city.", WeatherSchema);

    private static JsonObject Time => Tool("get_time", "Tells the local time in a city.", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");

    private static JsonObject Order => Tool("manage_order", "Reads, adds to or cancels a customer's order.", """{"type":"object","properties":{"orderId":{"type":"string","description":"The order number, for example A-1001"},"action":{"type":"string","description":"status, add or cancel"}},"required":["orderId","action"]}""");

    private static JsonObject Tool(string name, string description, string schema) =>
        new() { ["type"] = "function", ["name"] = name, ["description"] = description, ["parameters"] = JsonNode.Parse(schema) };

    /// <summary><c>{type:"function", function:{name}}</c> (Azure reference form) for beta, <c>{type:"function", name}</c> for GA.</summary>
    private static JsonObject Named(string name, bool beta) => beta
        ? new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } }
        : new JsonObject { ["type"] = "function", ["name"] = name };

    private static async Task<RawRealtimeClient> OpenAsync(SimulatorServer server, bool beta)
    {
        var client = beta
            ? await ConnectAzurePreviewAsync(server)
            : await ConnectAsync(server.WebSocketUri($"/openai/v1/realtime?model={SimulatorServer.Model}"), o => o.SetRequestHeader("api-key", SimulatorServer.ApiKey));
        await client.ReceiveUntilAsync(beta ? "conversation.created" : "session.created");
        return client;
    }

    /// <summary>Text-only (or audio) output, VAD off, the tools and (optionally) a tool_choice; returns the effective session.</summary>
    private static async Task<JsonObject> ConfigureAsync(RawRealtimeClient client, bool beta, JsonArray tools, JsonNode? toolChoice = null, bool audio = false)
    {
        var session = beta
            ? new JsonObject { ["modalities"] = audio ? new JsonArray("audio", "text") : new JsonArray("text"), ["turn_detection"] = null }
            : new JsonObject { ["type"] = "realtime", ["output_modalities"] = new JsonArray(audio ? "audio" : "text"), ["audio"] = new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = null } } };
        session["tools"] = tools;
        if (toolChoice is not null)
        {
            session["tool_choice"] = toolChoice;
        }

        await client.SendAsync(new JsonObject { ["type"] = "session.update", ["session"] = session });
        var events = await client.ReceiveThroughAsync("session.updated");
        Assert.DoesNotContain(events, e => TypeOf(e) == "error");
        return events[^1]["session"]!.AsObject();
    }

    private static async Task<List<JsonObject>> SendAsync(RawRealtimeClient client, JsonObject item, JsonObject? response = null)
    {
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.create", ["item"] = item });
        var create = new JsonObject { ["type"] = "response.create" };
        if (response is not null)
        {
            create["response"] = response;
        }

        await client.SendAsync(create);
        var events = await client.ReceiveThroughAsync("response.done");
        Assert.DoesNotContain(events, e => TypeOf(e) == "error");
        return events.SkipWhile(e => TypeOf(e) != "response.created").ToList();
    }

    private static Task<List<JsonObject>> AskAsync(RawRealtimeClient client, string text, JsonObject? response = null) =>
        SendAsync(client, new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }) }, response);

    private static Task<List<JsonObject>> AnswerAsync(RawRealtimeClient client, string callId, string output) =>
        SendAsync(client, new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = output });

    /// <summary>The function_call items of <c>response.done</c>.</summary>
    private static List<JsonObject> Calls(List<JsonObject> events) =>
        events[^1]["response"]!["output"]!.AsArray().Select(i => i!.AsObject()).Where(i => (string?)i["type"] == "function_call").ToList();

    private static string ReplyText(List<JsonObject> events, bool beta)
    {
        Assert.Empty(Calls(events));
        return (string)events.Single(e => TypeOf(e) == (beta ? "response.text.done" : "response.output_text.done"))["text"]!;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Required_InSessionUpdate_CallsFirstToolForUnrelatedText_WithTheServiceEventSequence(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        var session = await ConfigureAsync(client, beta, [Weather, Time], "required");

        var events = await AskAsync(client, "hello there");

        Assert.Equal("required", (string?)session["tool_choice"]);
        var added = beta ? "conversation.item.created" : "conversation.item.added";
        var types = events.Select(TypeOf).Where(t => t != "response.function_call_arguments.delta").ToList();
        Assert.Equal(
            beta
                ? ["response.created", "response.output_item.added", added, "response.function_call_arguments.done", "response.output_item.done", "response.done"]
                : ["response.created", "response.output_item.added", added, "response.function_call_arguments.done", "response.output_item.done", "conversation.item.done", "response.done"],
            types);
        var item = events[1]["item"]!;
        Assert.Equal(("function_call", "in_progress", "get_weather", ""), ((string?)item["type"], (string?)item["status"], (string?)item["name"], (string?)item["arguments"]));
        var callId = (string)item["call_id"]!;
        Assert.StartsWith("call_", callId, StringComparison.Ordinal);
        var deltas = events.Where(e => TypeOf(e) == "response.function_call_arguments.delta").ToList();
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.Equal((callId, (string?)item["id"], 0), ((string)d["call_id"]!, (string?)d["item_id"], (int)d["output_index"]!)));
        var done = events.Single(e => TypeOf(e) == "response.function_call_arguments.done");
        Assert.Equal(string.Concat(deltas.Select(d => (string?)d["delta"])), (string?)done["arguments"]);
        Assert.Equal("get_weather", (string?)done["name"]);
        Assert.Empty(SchemaChecker.Check(JsonNode.Parse(WeatherSchema)!, JsonNode.Parse((string)done["arguments"]!)));
        var call = Assert.Single(Calls(events));
        Assert.Equal(("completed", callId, (string?)done["arguments"]), ((string?)call["status"], (string?)call["call_id"], (string?)call["arguments"]));
        Assert.Equal("completed", (string?)events[^1]["response"]!["status"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Required_InResponseCreate_OverridesSessionAuto_ForThatResponseOnly(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Order, Weather]);

        var forced = await AskAsync(client, "hello there", new JsonObject { ["tool_choice"] = "required" });
        var next = await AskAsync(client, "hello again");

        Assert.Equal("manage_order", (string?)Assert.Single(Calls(forced))["name"]);
        Assert.Equal("You said: hello again", ReplyText(next, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NamedFunction_InSessionUpdate_CallsThatFunction_AndIsEchoedInTheDialectsForm(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        var session = await ConfigureAsync(client, beta, [Weather, Time], Named("get_time", beta));

        var events = await AskAsync(client, "What is the weather in Paris?");

        Assert.True(JsonNode.DeepEquals(Named("get_time", beta), session["tool_choice"]), session["tool_choice"]?.ToJsonString());
        var call = Assert.Single(Calls(events));
        Assert.Equal("get_time", (string?)call["name"]);
        Assert.Equal("""{"city":"Paris"}""", (string?)call["arguments"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NamedFunction_BothObjectForms_AreAcceptedInEitherDialect(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather, Time], Named("get_time", !beta));

        var events = await AskAsync(client, "hello");

        Assert.Equal("get_time", (string?)Assert.Single(Calls(events))["name"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NamedFunction_InResponseCreate_WithResponseTools_OverridesTheSessionsTools(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather]);

        var events = await AskAsync(client, "What is the weather in Oslo? And cancel order B-7.", new JsonObject { ["tools"] = new JsonArray(Order), ["tool_choice"] = Named("manage_order", beta) });

        var call = Assert.Single(Calls(events));
        Assert.Equal("manage_order", (string?)call["name"]);
        Assert.Equal("""{"orderId":"B-7","action":"cancel"}""", (string?)call["arguments"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BetaStringFunctionName_ForcesThatFunction(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather, Time]);

        var events = await AskAsync(client, "hello", new JsonObject { ["tool_choice"] = "get_time" });

        Assert.Equal("get_time", (string?)Assert.Single(Calls(events))["name"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task None_InSessionUpdate_ToolNamingMessage_GetsText(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather], "none");

        var events = await AskAsync(client, "Please call get_weather for Paris");

        Assert.Equal("You said: Please call get_weather for Paris", ReplyText(events, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task None_InResponseCreate_OverridesSessionRequired(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather], "required");

        var events = await AskAsync(client, "Please call get_weather for Paris", new JsonObject { ["tool_choice"] = "none" });

        Assert.Equal("You said: Please call get_weather for Paris", ReplyText(events, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Auto_MessageNamingTool_CallsIt_WithCityFromText(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Time, Weather], "auto");

        var events = await AskAsync(client, "Please call get_weather for Paris");

        var call = Assert.Single(Calls(events));
        Assert.Equal("get_weather", (string?)call["name"]);
        Assert.Equal("""{"city":"Paris"}""", (string?)call["arguments"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Auto_MessageAskingForWhatTheDescriptionSays_CallsTool(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        var forecast = Tool("fc_v2", "Rain and temperature forecast for a city.", WeatherSchema);
        await ConfigureAsync(client, beta, [Order, forecast]);

        var events = await AskAsync(client, "Will there be rain in Bergen tomorrow, and what temperature, in celsius?");

        var call = Assert.Single(Calls(events));
        Assert.Equal("fc_v2", (string?)call["name"]);
        Assert.Equal("""{"city":"Bergen","unit":"celsius"}""", (string?)call["arguments"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Auto_MessageFittingTwoTools_CallsBothInOneResponse_ThenAnswersWithBothOutputs(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Order, Weather, Time]);

        var events = await AskAsync(client, "What are the weather and the local time in Lisbon?");

        var calls = Calls(events);
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => (string?)c["name"]));
        Assert.All(calls, c => Assert.Equal("""{"city":"Lisbon"}""", (string?)c["arguments"]));
        Assert.Equal([0, 1], events.Where(e => TypeOf(e) == "response.output_item.added").Select(e => (int)e["output_index"]!));
        Assert.Equal(2, events.Count(e => TypeOf(e) == "response.function_call_arguments.done"));
        Assert.NotEqual((string?)calls[0]["call_id"], (string?)calls[1]["call_id"]);

        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.create", ["item"] = new JsonObject { ["type"] = "function_call_output", ["call_id"] = (string)calls[0]["call_id"]!, ["output"] = """{"temp_c":21}""" } });
        var followUp = await AnswerAsync(client, (string)calls[1]["call_id"]!, "14:05");

        Assert.Equal("""Here is what I found: {"temp_c":21}; 14:05.""", ReplyText(followUp, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Auto_SmallTalk_AnswersWithText(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather, Time, Order]);

        var events = await AskAsync(client, "hello there");

        Assert.Equal("You said: hello there", ReplyText(events, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ScriptRules_WinOverTheHeuristics_ReplyAndCalls(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync(o =>
        {
            o.Rules.Add(new ScriptRule { Contains = "sunny", Reply = "Always sunny here." });
            var rome = new ScriptRule { Contains = "weather", AfterToolReply = "Rome reports {output}." };
            rome.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Rome"}""" });
            o.Rules.Add(rome);
        });
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather]);

        var reply = await AskAsync(client, "Is get_weather sunny in Paris?");
        var ruled = await AskAsync(client, "Please call get_weather for Paris");
        var followUp = await AnswerAsync(client, (string)Calls(ruled)[0]["call_id"]!, "18 degrees");

        Assert.Equal("Always sunny here.", ReplyText(reply, beta));
        Assert.Equal("""{"city":"Rome"}""", (string?)Assert.Single(Calls(ruled))["arguments"]);
        Assert.Equal("Rome reports 18 degrees.", ReplyText(followUp, beta));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GeneratedArguments_ForASchemaOfManyTypes_AreValid_AndTakeValuesFromTheText(bool beta)
    {
        const string Schema = """
            {"type":"object","additionalProperties":false,
             "required":["restaurant","city","party_size","date","seating","vegetarian","budget","tags","contact"],
             "properties":{
               "restaurant":{"type":"string","minLength":3},
               "city":{"type":"string"},
               "party_size":{"type":"integer","minimum":1,"maximum":20,"description":"Number of people"},
               "date":{"type":"string","format":"date"},
               "seating":{"type":"string","enum":["indoor","outdoor","bar"]},
               "vegetarian":{"type":"boolean","default":false},
               "budget":{"type":"number","minimum":10,"default":50.5},
               "tags":{"type":"array","minItems":1,"items":{"type":"string","enum":["quiet","view","terrace"]}},
               "contact":{"type":"object","required":["name","phone"],"properties":{"name":{"type":"string"},"phone":{"type":"string"},"email":{"type":"string","format":"email"}}},
               "notes":{"type":"string"}}}
            """;
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Tool("book_table", "Books a table at a restaurant.", Schema)], "required");

        var events = await AskAsync(client, "Book a table in Rome for 6 people on 2030-05-01, outdoor with a view. My name is Ada Lovelace, phone 555-0100.");

        var arguments = JsonNode.Parse((string)Assert.Single(Calls(events))["arguments"]!)!;
        Assert.Empty(SchemaChecker.Check(JsonNode.Parse(Schema)!, arguments));
        Assert.Equal("Rome", (string?)arguments["city"]);
        Assert.Equal(6, (int?)arguments["party_size"]);
        Assert.Equal("2030-05-01", (string?)arguments["date"]);
        Assert.Equal("outdoor", (string?)arguments["seating"]);
        Assert.False((bool?)arguments["vegetarian"]);
        Assert.Equal(50.5, (double?)arguments["budget"]);
        Assert.Equal(["view"], arguments["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("Ada Lovelace", (string?)arguments["contact"]!["name"]);
        Assert.Equal("555-0100", (string?)arguments["contact"]!["phone"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FunctionOutput_WithoutRule_FollowUpQuotesTheOutput_InAudio(bool beta)
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var client = await OpenAsync(server, beta);
        await ConfigureAsync(client, beta, [Weather], audio: true);

        var first = await AskAsync(client, "What's the weather in Oslo?");
        var call = Assert.Single(Calls(first));
        var followUp = await AnswerAsync(client, (string)call["call_id"]!, "4 degrees and rain");

        Assert.DoesNotContain(first, e => TypeOf(e).Contains("audio", StringComparison.Ordinal) || TypeOf(e).StartsWith("response.content_part", StringComparison.Ordinal));
        Assert.Equal("""{"city":"Oslo"}""", (string?)call["arguments"]);
        Assert.Empty(Calls(followUp));
        var transcript = followUp.Single(e => TypeOf(e) == (beta ? "response.audio_transcript.done" : "response.output_audio_transcript.done"));
        Assert.Equal("Here is what I found: 4 degrees and rain.", (string?)transcript["transcript"]);
    }
}
