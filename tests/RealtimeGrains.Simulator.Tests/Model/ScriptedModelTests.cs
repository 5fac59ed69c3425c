using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Tests.Model;

public sealed class ScriptedModelTests
{
    private static readonly IReadOnlyList<ModelTool> WeatherTool = Tools("get_weather");

    private static List<ModelTool> Tools(params string[] names) => names.Select(n => new ModelTool(n, string.Empty, null)).ToList();

    [Fact]
    public void NoRule_EchoesInput()
    {
        var turn = new ScriptedModel([]).Decide("hello there", [], [], ModelToolChoice.Auto);

        Assert.Equal("You said: hello there", turn.Text);
        Assert.Empty(turn.Calls);
    }

    [Fact]
    public void RegexRule_WithTool_EmitsCallWithGroupArguments()
    {
        var rule = new ScriptRule { Regex = @"weather in (?<city>\w+)" };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"${city}"}""" });

        var turn = new ScriptedModel([rule]).Decide("What is the weather in Oslo?", [], WeatherTool, ModelToolChoice.Auto);

        var call = Assert.Single(turn.Calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("""{"city":"Oslo"}""", call.Arguments);
    }

    [Fact]
    public void RuleWithCall_WithoutTool_FallsBackToReply()
    {
        var rule = new ScriptRule { Contains = "weather", Reply = "I cannot check the weather." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather" });

        var turn = new ScriptedModel([rule]).Decide("weather please", [], [], ModelToolChoice.Auto);

        Assert.Equal("I cannot check the weather.", turn.Text);
        Assert.Empty(turn.Calls);
    }

    [Fact]
    public void AfterToolOutputs_UsesAfterToolReply()
    {
        var rule = new ScriptRule { Contains = "weather", AfterToolReply = "It is {output} there." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather" });

        var turn = new ScriptedModel([rule]).Decide("weather in oslo", ["4 degrees"], WeatherTool, ModelToolChoice.Auto);

        Assert.Equal("It is 4 degrees there.", turn.Text);
    }

    [Fact]
    public void ScriptFile_ParsesRules_AndRejectsEmptyRule()
    {
        var rules = ScriptFile.Parse("""
            { "rules": [
              { "contains": "hours", "reply": "We open at nine." },
              { "regex": "book (\\d+)", "functionCalls": [ { "name": "book", "arguments": "{\"n\":$1}" } ] }
            ] }
            """);

        Assert.Equal(2, rules.Count);
        Assert.Equal("We open at nine.", new ScriptedModel(rules).Decide("what are your hours", [], [], ModelToolChoice.Auto).Text);
        Assert.Equal("""{"n":3}""", new ScriptedModel(rules).Decide("book 3 seats", [], Tools("book"), ModelToolChoice.Auto).Calls[0].Arguments);
        Assert.Throws<InvalidDataException>(() => ScriptFile.Parse("""{ "rules": [ { "contains": "x" } ] }"""));
    }
}
