using System.Text.Json;
using System.Text.Json.Nodes;
using RealtimeGrains.Simulator.Tests.Infrastructure;

namespace RealtimeGrains.Simulator.Tests.Model;

/// <summary>The scripted model's tool heuristics without a socket: which tools fit a text, and the generated arguments.</summary>
public sealed class ToolHeuristicsTests
{
    private const string CitySchema = """{"type":"object","properties":{"city":{"type":"string","description":"The city, for example Paris"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}""";

    private static readonly ModelTool Weather = Tool("get_weather", "Gets the current weather of a city.", CitySchema);
    private static readonly ModelTool Time = Tool("get_time", "Tells the local time in a city.", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
    private static readonly ModelTool Order = Tool("manage_order", "Reads, adds to or cancels a customer's order.", """{"type":"object","properties":{"orderId":{"type":"string","description":"The order number, for example A-1001"},"action":{"type":"string","description":"status, add or cancel"},"item":{"type":"string","description":"For add: the item to add"}},"required":["orderId","action"]}""");
    private static readonly ModelTool Lookup = Tool("slow_lookup", "Looks something up, slowly.", """{"type":"object","properties":{"topic":{"type":"string"}},"required":["topic"]}""");

    private static ModelTool Tool(string name, string description, string schema) => new(name, description, JsonDocument.Parse(schema).RootElement.Clone());

    private static UserTextFacts Facts(string text) => new(text, new DateOnly(2030, 1, 15));

    private static JsonObject Arguments(ModelTool tool, string text) => JsonNode.Parse(ArgumentGenerator.Generate(tool.Parameters, Facts(text)))!.AsObject();

    [Theory]
    [InlineData("Please call get_weather for Paris")]
    [InlineData("please call get weather for paris")]
    [InlineData("What's the weather like in Oslo?")]
    public void Fitting_NameOrSubjectWord_PicksThatTool(string text)
    {
        Assert.Equal([Weather], ToolMatcher.Fitting(text, [Time, Weather, Order, Lookup]));
    }

    [Fact]
    public void Fitting_TwoSubjects_PicksBothInDeclarationOrder()
    {
        Assert.Equal([Weather, Time], ToolMatcher.Fitting("What are the weather and the time in Paris?", [Weather, Time, Order]));
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("are you still there")]
    [InlineData("what time is it")]
    [InlineData("open the pod bay doors")]
    [InlineData("remember the lighthouse")]
    public void Fitting_SmallTalk_PicksNothing(string text)
    {
        // "time" alone does not reach get_time here: it is not declared in this set.
        Assert.Empty(ToolMatcher.Fitting(text, [Weather, Order, Lookup]));
    }

    [Fact]
    public void Fitting_DescriptionOverlapOnly_PicksTool()
    {
        var forecast = Tool("fc_v2", "Rain and temperature forecast for a city.", CitySchema);

        Assert.Equal([forecast], ToolMatcher.Fitting("Will there be rain tomorrow, and what temperature?", [Order, forecast]));
    }

    [Fact]
    public void FittingOrFirst_NothingFits_PicksFirst()
    {
        Assert.Equal([Order], ToolMatcher.FittingOrFirst("hello", [Order, Weather]));
    }

    [Theory]
    [InlineData("Please call get_weather for Paris", "Paris")]
    [InlineData("What is the weather in New York City tomorrow?", "New York City")]
    [InlineData("what is the weather in oslo", "Oslo")]
    [InlineData("weather please", "Paris")]
    public void Arguments_City_FromTextOrDescriptionExample(string text, string city)
    {
        var arguments = Arguments(Weather, text);

        Assert.Equal(city, (string?)arguments["city"]);
        Assert.False(arguments.ContainsKey("unit"));
    }

    [Fact]
    public void Arguments_MentionedEnumValue_IncludesOptionalProperty()
    {
        Assert.Equal("""{"city":"Paris","unit":"fahrenheit"}""", ArgumentGenerator.Generate(Weather.Parameters, Facts("Weather in Paris in fahrenheit")));
    }

    [Fact]
    public void Arguments_OptionsListedInDescription_AndIdentifier()
    {
        var arguments = Arguments(Order, "Cancel order A-2002 please");

        Assert.Equal("A-2002", (string?)arguments["orderId"]);
        Assert.Equal("cancel", (string?)arguments["action"]);
    }

    [Fact]
    public void Arguments_OriginAndDestination_ByPreposition()
    {
        var flight = Tool("find_flight", "Finds a flight.", """{"type":"object","properties":{"origin":{"type":"string"},"destination":{"type":"string"},"passengers":{"type":"integer","minimum":1,"maximum":9}},"required":["origin","destination","passengers"]}""");

        var arguments = Arguments(flight, "Find a flight to Lisbon from Berlin for three passengers");

        Assert.Equal("Berlin", (string?)arguments["origin"]);
        Assert.Equal("Lisbon", (string?)arguments["destination"]);
        Assert.Equal(3, (int?)arguments["passengers"]);
    }

    [Fact]
    public void Arguments_ManyTypes_ValidAgainstSchema()
    {
        var schema = """
            {"type":"object","additionalProperties":false,"required":["restaurant","party_size","date","seating","vegetarian","budget","tags","contact","priority"],
             "properties":{
               "restaurant":{"type":"string","minLength":3},
               "party_size":{"type":"integer","minimum":1,"maximum":20,"description":"number of people"},
               "date":{"type":"string","format":"date"},
               "seating":{"type":"string","enum":["indoor","outdoor","bar"]},
               "vegetarian":{"type":"boolean","default":false},
               "budget":{"type":["number","null"],"minimum":10},
               "tags":{"type":"array","minItems":2,"items":{"type":"string"}},
               "contact":{"type":"object","required":["name","phone"],"properties":{"name":{"type":"string"},"phone":{"type":"string"}}},
               "priority":{"type":"integer","default":3},
               "ref":{"$ref":"#/$defs/code"}},
             "$defs":{"code":{"type":"string"}}}
            """;
        var tool = Tool("book_table", "Books a table.", schema);

        var arguments = Arguments(tool, "Book a table for 4 people tomorrow, vegetarian, outdoor seating. My name is Ada Lovelace, phone 555-0100.");

        Assert.Empty(SchemaChecker.Check(JsonNode.Parse(schema)!, arguments));
        Assert.Equal(4, (int?)arguments["party_size"]);
        Assert.Equal("2030-01-16", (string?)arguments["date"]);
        Assert.Equal("outdoor", (string?)arguments["seating"]);
        Assert.True((bool?)arguments["vegetarian"]);
        Assert.Equal(3, (int?)arguments["priority"]);
        Assert.Equal("Ada Lovelace", (string?)arguments["contact"]!["name"]);
        Assert.Equal("555-0100", (string?)arguments["contact"]!["phone"]);
        Assert.False(arguments.ContainsKey("ref"));
    }

    [Fact]
    public void Arguments_NoSchema_EmptyObject()
    {
        Assert.Equal("{}", ArgumentGenerator.Generate(null, Facts("anything")));
    }

    [Fact]
    public void Decide_RuleCallsWinOverHeuristics_AndNoneNeverCalls()
    {
        var rule = new ScriptRule { Contains = "weather" };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"Rome"}""" });
        var model = new ScriptedModel([rule]);

        Assert.Equal("""{"city":"Rome"}""", model.Decide("Please call get_weather for Paris", [], [Weather], ModelToolChoice.Auto).Calls.Single().Arguments);
        Assert.Equal("""{"city":"Paris"}""", new ScriptedModel([]).Decide("Please call get_weather for Paris", [], [Weather], ModelToolChoice.Auto).Calls.Single().Arguments);
        Assert.Equal("You said: Please call get_weather for Paris", new ScriptedModel([]).Decide("Please call get_weather for Paris", [], [Weather], ModelToolChoice.None).Text);
    }

    [Fact]
    public void Decide_Forced_CallsEvenAfterOutputs_AutoAnswersOutputs()
    {
        var model = new ScriptedModel([]);

        Assert.Equal("get_time", model.Decide("weather in Paris", ["18 degrees"], [Weather, Time], new ModelToolChoice(ToolChoiceKind.Function, "get_time")).Calls.Single().Name);
        Assert.Equal("get_weather", model.Decide("hello", ["18 degrees"], [Weather, Time], ModelToolChoice.Required).Calls.Single().Name);
        Assert.Equal("Here is what I found: 18 degrees.", model.Decide("weather in Paris", ["18 degrees"], [Weather], ModelToolChoice.Auto).Text);
    }

    [Fact]
    public void Decide_NamedFunctionNotDeclared_AnswersWithText()
    {
        var turn = new ScriptedModel([]).Decide("weather in Paris", [], [Time], new ModelToolChoice(ToolChoiceKind.Function, "get_weather"));

        Assert.Empty(turn.Calls);
        Assert.Equal("You said: weather in Paris", turn.Text);
    }
}
