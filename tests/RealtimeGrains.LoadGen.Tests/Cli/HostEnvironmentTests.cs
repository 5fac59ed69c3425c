using RealtimeGrains.LoadGen;

namespace RealtimeGrains.LoadGen.Tests.Cli;

public sealed class HostEnvironmentTests
{
    [Fact]
    public void ParseEnvironment_NameValuePairs_KeepsValuesWithEqualsSigns()
    {
        var environment = LoadGenCommands.ParseEnvironment(["OTEL_METRIC_EXPORT_INTERVAL=10000", "OTEL_RESOURCE_ATTRIBUTES=a=1,b=2"], out var problem);

        Assert.Null(problem);
        Assert.Equal("10000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("a=1,b=2", environment["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Theory]
    [InlineData("NOEQUALS")]
    [InlineData("=value")]
    [InlineData("BAD NAME=1")]
    public void ParseEnvironment_NotNameValue_NamesThePair(string pair)
    {
        LoadGenCommands.ParseEnvironment([pair], out var problem);

        Assert.NotNull(problem);
        Assert.Contains(pair, problem, StringComparison.Ordinal);
    }
}
