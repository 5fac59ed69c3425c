using RealtimeGrains.Simulator;

namespace RealtimeGrains.Simulator.Tests.Model;

public sealed class ScriptedModelTests
{
    private static readonly HashSet<string> WeatherTool = ["get_weather"];

    [Fact]
    public void NoRule_EchoesInput()
    {
        var turn = new ScriptedModel([]).Decide("hello there", [], new HashSet<string>());

        Assert.Equal("You said: hello there", turn.Text);
        Assert.Empty(turn.Calls);
    }

    [Fact]
    public void RegexRule_WithTool_EmitsCallWithGroupArguments()
    {
        var rule = new ScriptRule { Regex = @"weather in (?<city>\w+)" };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather", Arguments = """{"city":"${city}"}""" });

        var turn = new ScriptedModel([rule]).Decide("What is the weather in Oslo?", [], WeatherTool);

        var call = Assert.Single(turn.Calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("""{"city":"Oslo"}""", call.Arguments);
    }

    [Fact]
    public void RuleWithCall_WithoutTool_FallsBackToReply()
    {
        var rule = new ScriptRule { Contains = "weather", Reply = "I cannot check the weather." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather" });

        var turn = new ScriptedModel([rule]).Decide("weather please", [], new HashSet<string>());

        Assert.Equal("I cannot check the weather.", turn.Text);
        Assert.Empty(turn.Calls);
    }

    [Fact]
    public void AfterToolOutputs_UsesAfterToolReply()
    {
        var rule = new ScriptRule { Contains = "weather", AfterToolReply = "It is {output} there." };
        rule.FunctionCalls.Add(new ScriptFunctionCall { Name = "get_weather" });

        var turn = new ScriptedModel([rule]).Decide("weather in oslo", ["4 degrees"], WeatherTool);

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
        Assert.Equal("We open at nine.", new ScriptedModel(rules).Decide("what are your hours", [], new HashSet<string>()).Text);
        Assert.Equal("""{"n":3}""", new ScriptedModel(rules).Decide("book 3 seats", [], new HashSet<string> { "book" }).Calls[0].Arguments);
        Assert.Throws<InvalidDataException>(() => ScriptFile.Parse("""{ "rules": [ { "contains": "x" } ] }"""));
    }
}
